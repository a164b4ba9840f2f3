namespace SearchR1.Retrieval.Dense;

/// <summary>Search-time settings of a dense index.</summary>
public sealed record DenseSearchOptions
{
    /// <summary><c>auto</c> (CUDA when TorchSharp finds it, else CPU), <c>cpu</c>, or <c>cuda[:n]</c>.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>The encoder folder, if not the one recorded in the manifest (e.g. the index was moved to another machine).</summary>
    public string? Encoder { get; init; }

    /// <summary>Threads scanning vectors on the CPU (0: one per core).</summary>
    public int Threads { get; init; }
}

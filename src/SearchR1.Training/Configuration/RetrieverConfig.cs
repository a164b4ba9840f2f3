namespace SearchR1.Training.Configuration;

/// <summary>The search engine the policy calls: an index folder in-process, or a Search-R1 /retrieve server.</summary>
public sealed record RetrieverConfig
{
    /// <summary>An index folder (BM25 or dense) opened in-process.</summary>
    public string Index { get; init; } = "";

    /// <summary>A Search-R1 compatible retrieval URL (http://127.0.0.1:8000/retrieve); wins over index.</summary>
    public string Url { get; init; } = "";

    /// <summary>Passages per search.</summary>
    public int TopK { get; init; } = 3;
}

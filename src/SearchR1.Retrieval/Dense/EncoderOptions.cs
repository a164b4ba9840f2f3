namespace SearchR1.Retrieval.Dense;

/// <summary>
/// How a dense encoder turns text into a vector (SPEC §3.3). Defaults are E5's: prefixes <c>"query: "</c> and
/// <c>"passage: "</c>, mean pooling over the attention mask, L2 normalisation, at most 256 tokens.
/// </summary>
public sealed record EncoderOptions
{
    /// <summary>Prepended to every query.</summary>
    public string QueryPrefix { get; init; } = "query: ";

    /// <summary>Prepended to every passage.</summary>
    public string PassagePrefix { get; init; } = "passage: ";

    /// <summary><c>mean</c> (e5, contriever) or <c>cls</c> (bge).</summary>
    public string Pooling { get; init; } = "mean";

    /// <summary>L2-normalise embeddings, so inner product is cosine (false for DPR).</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>Tokens per text, special tokens included; longer texts are cut at the end.</summary>
    public int MaxLength { get; init; } = 256;

    /// <summary>Texts per ONNX Runtime call.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>ONNX Runtime intra-op threads (0: its default, one per core).</summary>
    public int Threads { get; init; }

    /// <summary>The settings of a known family, chosen from a model name or folder (<c>e5</c>, <c>bge</c>, else E5's).</summary>
    public static EncoderOptions ForModel(string nameOrFolder)
    {
        string name = nameOrFolder.ToLowerInvariant();
        if (name.Contains("bge", StringComparison.Ordinal))
        {
            return new EncoderOptions
            {
                QueryPrefix = "Represent this sentence for searching relevant passages: ",
                PassagePrefix = "",
                Pooling = "cls",
            };
        }
        return new EncoderOptions();
    }
}

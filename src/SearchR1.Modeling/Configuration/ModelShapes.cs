namespace SearchR1.Modeling.Configuration;

/// <summary>
/// The shapes of the checkpoints Search-R1 trains (from their config.json), for benchmarks on random
/// weights and for shape tests on the meta device. Names as <c>searchr1 bench generate --shape</c> takes them.
/// </summary>
public static class ModelShapes
{
    public static IReadOnlyDictionary<string, ModelConfig> All { get; } = new Dictionary<string, ModelConfig>
    {
        ["qwen2.5-0.5b"] = Qwen(hidden: 896, ffn: 4864, layers: 24, heads: 14, kvHeads: 2, vocab: 151936, tied: true),
        ["qwen2.5-1.5b"] = Qwen(hidden: 1536, ffn: 8960, layers: 28, heads: 12, kvHeads: 2, vocab: 151936, tied: true),
        ["qwen2.5-3b"] = Qwen(hidden: 2048, ffn: 11008, layers: 36, heads: 16, kvHeads: 2, vocab: 151936, tied: true),
        ["qwen2.5-7b"] = Qwen(hidden: 3584, ffn: 18944, layers: 28, heads: 28, kvHeads: 4, vocab: 152064, tied: false),
        ["llama3.2-1b"] = Llama(hidden: 2048, layers: 16, heads: 32, headDim: 64),
        ["llama3.2-3b"] = Llama(hidden: 3072, layers: 28, heads: 24, headDim: 128),
        // Small enough to run on two CPU cores in seconds: for smoke runs of the benchmark itself.
        ["tiny"] = Qwen(hidden: 96, ffn: 256, layers: 3, heads: 6, kvHeads: 2, vocab: 512, tied: true),
    };

    public static ModelConfig Get(string name) =>
        All.TryGetValue(name.ToLowerInvariant(), out ModelConfig? config)
            ? config
            : throw new ArgumentException($"Unknown model shape \"{name}\"; expected one of: {string.Join(", ", All.Keys)}.");

    private static ModelConfig Qwen(int hidden, int ffn, int layers, int heads, int kvHeads, int vocab, bool tied) => new()
    {
        ModelType = "qwen2",
        VocabSize = vocab,
        HiddenSize = hidden,
        IntermediateSize = ffn,
        NumLayers = layers,
        NumHeads = heads,
        NumKeyValueHeads = kvHeads,
        HeadDim = hidden / heads,
        RmsNormEps = 1e-6,
        RopeTheta = 1_000_000,
        MaxPositionEmbeddings = 32768,
        TieWordEmbeddings = tied,
        QkvBias = true,
        EosTokenIds = [151643],
        BosTokenId = 151643,
        DType = "bfloat16",
    };

    private static ModelConfig Llama(int hidden, int layers, int heads, int headDim) => new()
    {
        ModelType = "llama",
        VocabSize = 128256,
        HiddenSize = hidden,
        IntermediateSize = 8192,
        NumLayers = layers,
        NumHeads = heads,
        NumKeyValueHeads = 8,
        HeadDim = headDim,
        RmsNormEps = 1e-5,
        RopeTheta = 500_000,
        RopeScaling = new RopeScaling("llama3", Factor: 32, LowFreqFactor: 1, HighFreqFactor: 4, OriginalMaxPositionEmbeddings: 8192),
        MaxPositionEmbeddings = 131072,
        TieWordEmbeddings = true,
        BosTokenId = 128000,
        EosTokenIds = [128001],
        DType = "bfloat16",
    };
}

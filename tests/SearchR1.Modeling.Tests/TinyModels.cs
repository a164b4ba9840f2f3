using SearchR1.Modeling.Configuration;
using SearchR1.Modeling.Transformer;
using SearchR1.Torch;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Tests;

/// <summary>Tiny random models the tests build themselves (a few thousand parameters, milliseconds per forward).</summary>
internal static class TinyModels
{
    /// <summary>Qwen2-like: q/k/v bias, tied embeddings, 2 query heads per key/value head.</summary>
    public static ModelConfig Qwen { get; } = new()
    {
        ModelType = "qwen2",
        VocabSize = 64,
        HiddenSize = 32,
        IntermediateSize = 48,
        NumLayers = 2,
        NumHeads = 4,
        NumKeyValueHeads = 2,
        HeadDim = 8,
        RopeTheta = 10000,
        TieWordEmbeddings = true,
        QkvBias = true,
        EosTokenIds = [1],
    };

    /// <summary>Llama-like: llama3 rope scaling, untied output, 3 query heads per key/value head, no bias.</summary>
    public static ModelConfig Llama { get; } = new()
    {
        ModelType = "llama",
        VocabSize = 64,
        HiddenSize = 48,
        IntermediateSize = 64,
        NumLayers = 2,
        NumHeads = 6,
        NumKeyValueHeads = 2,
        HeadDim = 8,
        RmsNormEps = 1e-5,
        RopeTheta = 500000,
        RopeScaling = new RopeScaling("llama3", 8, 1, 4, 16),
        TieWordEmbeddings = false,
        EosTokenIds = [2],
    };

    public static CausalLanguageModel Create(ModelConfig config, long seed = 1, ScalarType dtype = ScalarType.Float32)
    {
        TorchRuntime.EnsureLoaded();
        var model = new CausalLanguageModel(config, CPU, dtype);
        // std 0.2 (not transformers' 0.02) so that tiny models have peaked, seed-sensitive distributions.
        model.InitializeRandom(0.2, new Generator((ulong)seed));
        // Norm scales and biases that are not trivially 1 / 0, so that their loading is actually tested.
        using (no_grad())
        {
            var generator = new Generator((ulong)seed + 7);
            foreach ((string name, var p) in model.named_parameters())
            {
                if (name.EndsWith("norm.weight", StringComparison.Ordinal) || name.EndsWith(".bias", StringComparison.Ordinal))
                {
                    p.add_(rand(p.shape, generator: generator).to(p.dtype) * 0.1);
                }
            }
        }
        return model;
    }

    public static int[] RandomTokens(Random random, int count, int vocab = 64) =>
        Enumerable.Range(0, count).Select(_ => random.Next(3, vocab)).ToArray();
}

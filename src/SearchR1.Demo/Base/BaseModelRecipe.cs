using SearchR1.Core.Protocol;
using SearchR1.Demo.Tokenizer;
using SearchR1.Demo.World;
using SearchR1.Modeling.Checkpoints;
using SearchR1.Modeling.Configuration;
using SearchR1.Modeling.Tokenization;
using SearchR1.Modeling.Transformer;
using SearchR1.Retrieval;
using SearchR1.Torch;
using static TorchSharp.torch;

namespace SearchR1.Demo.Base;

/// <summary>What the base recipe produced.</summary>
public sealed record BaseModelResult(string Folder, int VocabularySize, long Parameters, double FinalLoss, double Seconds);

/// <summary>
/// Makes the demo's base model from nothing but the world's pretraining partition: a BPE tokenizer trained on
/// the example text, a tiny Qwen2 with random weights, next-token pretraining on example trajectories (whose
/// observations come from the real retriever), saved as a Hugging Face folder the real loaders read.
/// </summary>
public static class BaseModelRecipe
{
    /// <summary>
    /// Bump when a change to the world generator, the example writer, the tokenizer trainer or the pretrainer
    /// would change the base this recipe makes: the shipped base then stops standing in for it until it is remade
    /// with <c>searchr1 demo base-model</c> (a test fails until then).
    /// </summary>
    public const int Version = 8;

    /// <summary>Samples the tokenizer is trained on (text statistics settle long before this).</summary>
    private const int TokenizerSamples = 3000;

    public static async Task<BaseModelResult> BuildAsync(
        SyntheticWorld world,
        IRetriever retriever,
        int topK,
        BaseModelOptions options,
        BaseBehaviour behaviour,
        string folder,
        IProgress<PretrainingProgress>? progress = null,
        CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        ExampleTrajectoryWriter writer = await CreateWriterAsync(world, retriever, topK, behaviour, ct);

        var random = new Random(options.Seed);
        var texts = Enumerable.Range(0, TokenizerSamples).Select(_ => writer.Next(random).Text);
        BpeVocabulary vocabulary = DemoTokenizerRecipe.Train(texts, world.NameParts, options.VocabularySize);
        string tokenizerFolder = folder + ".tokenizer-" + Guid.NewGuid().ToString("N");
        vocabulary.Save(tokenizerFolder, options.MaxPositions);
        HfTokenizer tokenizer;
        try
        {
            tokenizer = HfTokenizer.Load(tokenizerFolder);
        }
        finally
        {
            Directory.Delete(tokenizerFolder, recursive: true);
        }

        TorchRuntime.EnsureLoaded();
        ModelConfig config = Config(options, vocabulary);
        using var model = new CausalLanguageModel(config);
        var generator = new TorchSharp.torch.Generator((ulong)options.Seed);
        model.InitializeRandom(0.02, generator);
        double loss = Pretrainer.Train(model, tokenizer, writer, options, progress, ct);

        HfCheckpoint.Save(model, folder, new SaveOptions { AddFiles = staging => vocabulary.Save(staging, options.MaxPositions) });
        long parameters = model.parameters().Sum(p => p.numel());
        return new BaseModelResult(folder, vocabulary.Size, parameters, loss, started.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The example writer, with every query it can search retrieved once up front (one batch). Observations keep
    /// only pretraining-partition passages: the base reads the real retriever's output, but never a passage
    /// about an RL or held-out entity, so nothing it knows about them comes from pretraining.
    /// </summary>
    public static async Task<ExampleTrajectoryWriter> CreateWriterAsync(
        SyntheticWorld world, IRetriever retriever, int topK, BaseBehaviour behaviour, CancellationToken ct = default)
    {
        var pretrainingTitles = WorldPassages.Write(world, WorldPartition.Pretraining).Select(p => p.Title).ToHashSet(StringComparer.Ordinal);
        var observations = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var probe = new ExampleTrajectoryWriter(world, behaviour, _ => []);
        List<string> queries = probe.AllQueries().ToList();
        // Over-fetch so that, after dropping other partitions' passages, topK usually remain.
        var results = await retriever.SearchAsync(queries, topK * 4, ct);
        for (int i = 0; i < queries.Count; i++)
        {
            observations[queries[i]] = results[i].Where(p => pretrainingTitles.Contains(p.Title)).Take(topK).Select(p => p.Contents).ToList();
        }
        return new ExampleTrajectoryWriter(world, behaviour, query => observations[query]);
    }

    /// <summary>The Qwen2 config: the real architecture (grouped-query attention, QKV bias, tied embeddings), tiny.</summary>
    public static ModelConfig Config(BaseModelOptions options, BpeVocabulary vocabulary)
    {
        // Embedding rows rounded up to a multiple of 8, as real checkpoints pad theirs.
        int vocabSize = (vocabulary.Size + 7) / 8 * 8;
        return new ModelConfig
        {
            ModelType = "qwen2",
            VocabSize = vocabSize,
            HiddenSize = options.HiddenSize,
            IntermediateSize = options.IntermediateSize,
            NumLayers = options.Layers,
            NumHeads = options.Heads,
            NumKeyValueHeads = options.KeyValueHeads,
            HeadDim = options.HiddenSize / options.Heads,
            RopeTheta = 10000.0,
            MaxPositionEmbeddings = options.MaxPositions,
            TieWordEmbeddings = true,
            QkvBias = true,
            BosTokenId = vocabulary.EndOfTextId,
            EosTokenIds = [vocabulary.EndOfTextId],
            PadTokenId = vocabulary.EndOfTextId,
            DType = "float32",
        };
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using SearchR1.Modeling.Configuration;
using SearchR1.Modeling.SafeTensors;
using SearchR1.Modeling.Transformer;
using SearchR1.Torch;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Checkpoints;

/// <summary>
/// Hugging Face model folders: <c>config.json</c> + <c>model.safetensors</c> or shards listed by
/// <c>model.safetensors.index.json</c>. Loads into, and saves from, <see cref="CausalLanguageModel"/> and
/// <see cref="ValueModel"/> so that transformers loads what we save. Tokenizer files are the tokenizer's
/// own business (pass a callback to <see cref="Save"/> to write them into the same folder).
/// </summary>
public static class HfCheckpoint
{
    public const string IndexFile = "model.safetensors.index.json";
    public const string SingleFile = "model.safetensors";
    public const string GenerationConfigFile = "generation_config.json";

    /// <summary>transformers' default <c>max_shard_size</c>.</summary>
    public const long DefaultMaxShardBytes = 5_000_000_000;

    public static CausalLanguageModel LoadCausalLanguageModel(string folder, ModelLoadOptions? options = null)
    {
        TorchRuntime.EnsureLoaded();
        options ??= new ModelLoadOptions();
        ModelConfig config = ModelConfig.Load(folder);
        using var weights = CheckpointFiles.Open(folder);
        ScalarType dtype = options.DType ?? weights.StoredType("model.embed_tokens.weight");
        var model = new CausalLanguageModel(config, options.Device ?? CPU, dtype) { ComputeType = options.ComputeType ?? dtype };
        var ignored = new HashSet<string> { "score.weight", "score.bias" };
        if (config.TieWordEmbeddings)
        {
            ignored.Add("lm_head.weight");
        }
        Copy(weights, WeightMap.For(model), ignored, optional: []);
        return model;
    }

    /// <summary>
    /// Loads a critic from a value-model folder, or from a language-model folder (a new critic starts from
    /// the policy's weights): then the value head is freshly initialised, as verl does.
    /// </summary>
    public static ValueModel LoadValueModel(string folder, ModelLoadOptions? options = null, Generator? headInit = null)
    {
        TorchRuntime.EnsureLoaded();
        options ??= new ModelLoadOptions();
        ModelConfig config = ModelConfig.Load(folder);
        using var weights = CheckpointFiles.Open(folder);
        ScalarType dtype = options.DType ?? weights.StoredType("model.embed_tokens.weight");
        var model = new ValueModel(config, options.Device ?? CPU, dtype) { ComputeType = options.ComputeType ?? dtype };
        if (!weights.Contains("score.weight"))
        {
            model.InitializeHead(generator: headInit);
        }
        Copy(weights, WeightMap.For(model), ignored: ["lm_head.weight"], optional: ["score.weight", "score.bias"]);
        return model;
    }

    /// <summary>Loads a checkpoint's weights into an existing language model of the same shape (e.g. to reset a policy).</summary>
    public static void LoadWeights(CausalLanguageModel model, string folder)
    {
        using var weights = CheckpointFiles.Open(folder);
        Copy(weights, WeightMap.For(model), model.Config.TieWordEmbeddings ? ["lm_head.weight", "score.weight", "score.bias"] : ["score.weight", "score.bias"], optional: []);
    }

    public static void Save(CausalLanguageModel model, string folder, SaveOptions? options = null) =>
        Save(model.Config, WeightMap.For(model), folder, options ?? new SaveOptions(), architecture: null);

    public static void Save(ValueModel model, string folder, SaveOptions? options = null) =>
        Save(model.Config, WeightMap.For(model), folder, options ?? new SaveOptions(),
            architecture: model.Config.ModelType == "qwen2" ? "Qwen2ForTokenClassification" : "LlamaForTokenClassification");

    private static void Copy(CheckpointFiles weights, IReadOnlyList<WeightMap.Entry> entries, IReadOnlyCollection<string> ignored, IReadOnlyCollection<string> optional)
    {
        var expected = entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var unexpected = weights.Keys
            .Where(k => !expected.Contains(k) && !ignored.Contains(k) && !k.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal))
            .ToList();
        if (unexpected.Count > 0)
        {
            throw new InvalidDataException($"{weights.Folder}: the checkpoint has tensors this architecture does not: {string.Join(", ", unexpected.Take(8))}{(unexpected.Count > 8 ? ", …" : "")}.");
        }
        var missing = entries.Where(e => !weights.Contains(e.Key) && !optional.Contains(e.Key)).Select(e => e.Key).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{weights.Folder}: the checkpoint lacks tensors: {string.Join(", ", missing.Take(8))}{(missing.Count > 8 ? ", …" : "")}.");
        }
        using var noGrad = no_grad();
        foreach (WeightMap.Entry entry in entries.Where(e => weights.Contains(e.Key)))
        {
            using var scope = NewDisposeScope();
            Tensor stored = weights.Read(entry.Key);
            if (!stored.shape.SequenceEqual(entry.Shape))
            {
                throw new InvalidDataException($"{weights.FileOf(entry.Key)}: \"{entry.Key}\" has shape [{string.Join(", ", stored.shape)}], config.json implies [{string.Join(", ", entry.Shape)}].");
            }
            entry.View().copy_(stored);
        }
    }

    private static void Save(ModelConfig config, IReadOnlyList<WeightMap.Entry> entries, string folder, SaveOptions options, string? architecture)
    {
        ScalarType dtype = options.DType ?? entries[0].View().dtype;
        var items = entries.Select(e => new SafeTensorsWriter.Item(e.Key, dtype, e.Shape, e.View)).ToList();
        var shards = new List<List<SafeTensorsWriter.Item>> { new() };
        long shardBytes = 0, total = 0;
        foreach (var item in items)
        {
            long size = SafeTensorsWriter.ByteSize(item);
            if (shards[^1].Count > 0 && shardBytes + size > options.MaxShardBytes)
            {
                shards.Add([]);
                shardBytes = 0;
            }
            shards[^1].Add(item);
            shardBytes += size;
            total += size;
        }

        AtomicFolder.Write(folder, staging =>
        {
            JsonObject json = config.ToJson(SafeTensorsDType.ToConfigName(dtype));
            if (architecture is not null)
            {
                json["architectures"] = new JsonArray(architecture);
                json["id2label"] = new JsonObject { ["0"] = "LABEL_0" };
                json["label2id"] = new JsonObject { ["LABEL_0"] = 0 };
            }
            WriteJson(Path.Combine(staging, "config.json"), json);
            if (config.GenerationConfigJson is { } generation)
            {
                WriteJson(Path.Combine(staging, GenerationConfigFile), generation);
            }
            if (shards.Count == 1)
            {
                SafeTensorsWriter.Write(Path.Combine(staging, SingleFile), shards[0]);
            }
            else
            {
                var weightMap = new JsonObject();
                for (int i = 0; i < shards.Count; i++)
                {
                    string name = $"model-{i + 1:D5}-of-{shards.Count:D5}.safetensors";
                    SafeTensorsWriter.Write(Path.Combine(staging, name), shards[i]);
                    foreach (var item in shards[i])
                    {
                        weightMap[item.Name] = name;
                    }
                }
                WriteJson(Path.Combine(staging, IndexFile), new JsonObject
                {
                    ["metadata"] = new JsonObject { ["total_size"] = total },
                    ["weight_map"] = weightMap,
                });
            }
            options.AddFiles?.Invoke(staging);
        });
    }

    private static void WriteJson(string path, JsonNode json) =>
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
}

/// <summary>
/// How to save: parameter dtype on disk (null: as held), shard size, and a callback that writes further
/// files (tokenizer, trainer state) into the staging folder before it is renamed into place.
/// </summary>
public sealed record SaveOptions
{
    public ScalarType? DType { get; init; }
    public long MaxShardBytes { get; init; } = HfCheckpoint.DefaultMaxShardBytes;
    public Action<string>? AddFiles { get; init; }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SearchR1.Modeling.Configuration;

/// <summary>
/// The shape of a Qwen2 or Llama decoder, read from a Hugging Face <c>config.json</c> in either form:
/// transformers 4.x (<c>rope_theta</c> and <c>rope_scaling</c> at the top level, what real Qwen2.5 and
/// Llama-3.2 checkpoints ship) or 5.x (<c>rope_parameters</c>). The original JSON is kept so that saving
/// writes back the same form, with every key transformers reads untouched.
/// </summary>
public sealed record ModelConfig
{
    public required string ModelType { get; init; }
    public required int VocabSize { get; init; }
    public required int HiddenSize { get; init; }
    public required int IntermediateSize { get; init; }
    public required int NumLayers { get; init; }
    public required int NumHeads { get; init; }
    public required int NumKeyValueHeads { get; init; }
    public required int HeadDim { get; init; }
    public double RmsNormEps { get; init; } = 1e-6;
    public double RopeTheta { get; init; } = 10000.0;
    public RopeScaling RopeScaling { get; init; } = RopeScaling.Default;
    public int MaxPositionEmbeddings { get; init; } = 32768;
    public bool TieWordEmbeddings { get; init; }
    /// <summary>Bias on the q, k and v projections (always on in Qwen2; <c>attention_bias</c> in Llama).</summary>
    public bool QkvBias { get; init; }
    /// <summary>Bias on the attention output projection (Llama's <c>attention_bias</c> covers it too; never in Qwen2).</summary>
    public bool OutputBias { get; init; }
    /// <summary>Bias on gate, up and down projections (Llama's <c>mlp_bias</c>).</summary>
    public bool MlpBias { get; init; }
    public int? BosTokenId { get; init; }
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];
    public int? PadTokenId { get; init; }
    /// <summary>The checkpoint's dtype as config.json names it (<c>float32</c>, <c>bfloat16</c>, <c>float16</c>), if any.</summary>
    public string? DType { get; init; }
    /// <summary>The JSON this config was read from (null for configs built in code); saving writes it back.</summary>
    public JsonObject? SourceJson { get; init; }
    /// <summary>The folder's generation_config.json, if it had one; saved back beside config.json.</summary>
    public JsonObject? GenerationConfigJson { get; init; }

    public int QueryGroupSize => NumHeads / NumKeyValueHeads;

    /// <summary>Reads <c>config.json</c> from a model folder (or the file itself).</summary>
    public static ModelConfig Load(string path)
    {
        string file = Directory.Exists(path) ? Path.Combine(path, "config.json") : path;
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"{file}: no config.json (expected a Hugging Face model folder).", file);
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
        ModelConfig config = Parse(node as JsonObject ?? throw new InvalidDataException($"{file}: expected a JSON object."), file);
        string generation = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, "generation_config.json");
        return File.Exists(generation) && JsonNode.Parse(File.ReadAllText(generation)) is JsonObject g
            ? config with { GenerationConfigJson = g }
            : config;
    }

    /// <summary>Reads a config from its JSON object; <paramref name="source"/> names it in error messages.</summary>
    public static ModelConfig Parse(JsonObject json, string source = "config.json")
    {
        var reader = new ConfigReader(json, source);
        string modelType = reader.String("model_type") ?? throw reader.Missing("model_type", "\"qwen2\" or \"llama\"");
        if (modelType is not ("qwen2" or "llama"))
        {
            throw new NotSupportedException($"{source}: model_type \"{modelType}\" is not supported (expected \"qwen2\" or \"llama\").");
        }
        string activation = reader.String("hidden_act") ?? "silu";
        if (activation != "silu")
        {
            throw new NotSupportedException($"{source}: hidden_act \"{activation}\" is not supported (expected \"silu\").");
        }
        if (reader.Bool("use_sliding_window") == true)
        {
            throw new NotSupportedException($"{source}: use_sliding_window true is not supported (Qwen2.5 checkpoints ship it false).");
        }

        int hidden = reader.Int("hidden_size") ?? throw reader.Missing("hidden_size", "an integer");
        int heads = reader.Int("num_attention_heads") ?? throw reader.Missing("num_attention_heads", "an integer");
        int kvHeads = reader.Int("num_key_value_heads") ?? heads;
        if (heads % kvHeads != 0)
        {
            throw new InvalidDataException($"{source}: num_attention_heads {heads} is not a multiple of num_key_value_heads {kvHeads}.");
        }
        bool attentionBias = reader.Bool("attention_bias") ?? false;
        (double theta, RopeScaling scaling) = ReadRope(reader, source);

        return new ModelConfig
        {
            ModelType = modelType,
            VocabSize = reader.Int("vocab_size") ?? throw reader.Missing("vocab_size", "an integer"),
            HiddenSize = hidden,
            IntermediateSize = reader.Int("intermediate_size") ?? throw reader.Missing("intermediate_size", "an integer"),
            NumLayers = reader.Int("num_hidden_layers") ?? throw reader.Missing("num_hidden_layers", "an integer"),
            NumHeads = heads,
            NumKeyValueHeads = kvHeads,
            HeadDim = reader.Int("head_dim") ?? hidden / heads,
            RmsNormEps = reader.Double("rms_norm_eps") ?? 1e-6,
            RopeTheta = theta,
            RopeScaling = scaling,
            MaxPositionEmbeddings = reader.Int("max_position_embeddings") ?? 32768,
            TieWordEmbeddings = reader.Bool("tie_word_embeddings") ?? false,
            QkvBias = modelType == "qwen2" || attentionBias,
            OutputBias = modelType == "llama" && attentionBias,
            MlpBias = modelType == "llama" && (reader.Bool("mlp_bias") ?? false),
            BosTokenId = reader.Int("bos_token_id"),
            EosTokenIds = reader.IntList("eos_token_id"),
            PadTokenId = reader.Int("pad_token_id"),
            DType = reader.String("dtype") ?? reader.String("torch_dtype"),
            SourceJson = (JsonObject)json.DeepClone(),
        };
    }

    private static (double Theta, RopeScaling Scaling) ReadRope(ConfigReader reader, string source)
    {
        // 5.x: rope_parameters { rope_type, rope_theta, factor, ... }; 4.x: rope_theta + rope_scaling { rope_type|type, ... }.
        JsonObject? parameters = reader.Object("rope_parameters");
        double theta = (parameters is null ? null : new ConfigReader(parameters, source + " rope_parameters").Double("rope_theta"))
            ?? reader.Double("rope_theta") ?? 10000.0;
        JsonObject? scaling = parameters ?? reader.Object("rope_scaling");
        if (scaling is null)
        {
            return (theta, RopeScaling.Default);
        }
        var r = new ConfigReader(scaling, source + (parameters is null ? " rope_scaling" : " rope_parameters"));
        string type = r.String("rope_type") ?? r.String("type") ?? "default";
        return type switch
        {
            "default" => (theta, RopeScaling.Default),
            "linear" => (theta, new RopeScaling("linear", r.Double("factor") ?? throw r.Missing("factor", "a number"))),
            "llama3" => (theta, new RopeScaling(
                "llama3",
                r.Double("factor") ?? throw r.Missing("factor", "a number"),
                r.Double("low_freq_factor") ?? throw r.Missing("low_freq_factor", "a number"),
                r.Double("high_freq_factor") ?? throw r.Missing("high_freq_factor", "a number"),
                r.Int("original_max_position_embeddings") ?? throw r.Missing("original_max_position_embeddings", "an integer"))),
            _ => throw new NotSupportedException(
                $"{r.Source}: rope_type \"{type}\" is not supported (expected default, linear or llama3)."),
        };
    }

    /// <summary>
    /// The JSON to save: the source JSON as read (same form, same keys) with the dtype updated, or, for a
    /// config built in code, the transformers 4.x form that real checkpoints ship.
    /// </summary>
    public JsonObject ToJson(string? dtype = null)
    {
        JsonObject json = SourceJson is not null ? (JsonObject)SourceJson.DeepClone() : BuildJson();
        string? savedDType = dtype ?? DType;
        if (savedDType is not null)
        {
            // 5.x folders name it "dtype", 4.x folders "torch_dtype"; keep whichever the source used.
            bool fourXForm = SourceJson is null || (SourceJson.ContainsKey("torch_dtype") && !SourceJson.ContainsKey("dtype"));
            json[fourXForm ? "torch_dtype" : "dtype"] = savedDType;
        }
        return json;
    }

    private JsonObject BuildJson()
    {
        var json = new JsonObject
        {
            ["architectures"] = new JsonArray(ModelType == "qwen2" ? "Qwen2ForCausalLM" : "LlamaForCausalLM"),
            ["model_type"] = ModelType,
            ["vocab_size"] = VocabSize,
            ["hidden_size"] = HiddenSize,
            ["intermediate_size"] = IntermediateSize,
            ["num_hidden_layers"] = NumLayers,
            ["num_attention_heads"] = NumHeads,
            ["num_key_value_heads"] = NumKeyValueHeads,
            ["hidden_act"] = "silu",
            ["rms_norm_eps"] = RmsNormEps,
            ["max_position_embeddings"] = MaxPositionEmbeddings,
            ["tie_word_embeddings"] = TieWordEmbeddings,
            ["rope_theta"] = RopeTheta,
            ["bos_token_id"] = BosTokenId,
            ["pad_token_id"] = PadTokenId,
        };
        json["eos_token_id"] = EosTokenIds.Count switch
        {
            0 => null,
            1 => EosTokenIds[0],
            _ => new JsonArray(EosTokenIds.Select(id => (JsonNode?)id).ToArray()),
        };
        if (ModelType == "llama")
        {
            json["head_dim"] = HeadDim;
            json["attention_bias"] = OutputBias;
            json["mlp_bias"] = MlpBias;
        }
        else
        {
            json["use_sliding_window"] = false;
        }
        json["rope_scaling"] = RopeScaling.Type switch
        {
            "default" => null,
            "linear" => new JsonObject { ["rope_type"] = "linear", ["factor"] = RopeScaling.Factor },
            _ => new JsonObject
            {
                ["rope_type"] = RopeScaling.Type,
                ["factor"] = RopeScaling.Factor,
                ["low_freq_factor"] = RopeScaling.LowFreqFactor,
                ["high_freq_factor"] = RopeScaling.HighFreqFactor,
                ["original_max_position_embeddings"] = RopeScaling.OriginalMaxPositionEmbeddings,
            },
        };
        return json;
    }

    /// <summary>Typed access to config.json fields with messages that name the file and the field.</summary>
    private sealed class ConfigReader(JsonObject json, string source)
    {
        public string Source => source;

        public Exception Missing(string field, string expected) =>
            new InvalidDataException($"{source}: field \"{field}\" is missing or null (expected {expected}).");

        public string? String(string field) => Get(field) switch
        {
            null => null,
            JsonValue v when v.TryGetValue(out string? s) => s,
            var other => throw Wrong(field, "a string", other),
        };

        public int? Int(string field) => Get(field) switch
        {
            null => null,
            JsonValue v when v.TryGetValue(out int i) => i,
            JsonValue v when v.TryGetValue(out double d) && d == Math.Floor(d) => (int)d,
            var other => throw Wrong(field, "an integer", other),
        };

        public double? Double(string field) => Get(field) switch
        {
            null => null,
            JsonValue v when v.TryGetValue(out double d) => d,
            var other => throw Wrong(field, "a number", other),
        };

        public bool? Bool(string field) => Get(field) switch
        {
            null => null,
            JsonValue v when v.TryGetValue(out bool b) => b,
            var other => throw Wrong(field, "true or false", other),
        };

        public JsonObject? Object(string field) => Get(field) switch
        {
            null => null,
            JsonObject o => o,
            var other => throw Wrong(field, "an object", other),
        };

        public IReadOnlyList<int> IntList(string field) => Get(field) switch
        {
            null => [],
            JsonArray a => a.Select((n, i) => n is JsonValue v && v.TryGetValue(out int id)
                ? id
                : throw Wrong($"{field}[{i}]", "an integer", n)).ToArray(),
            _ => [Int(field)!.Value],
        };

        private JsonNode? Get(string field) => json.TryGetPropertyValue(field, out JsonNode? node) ? node : null;

        private InvalidDataException Wrong(string field, string expected, JsonNode? actual) =>
            new($"{source}: field \"{field}\" is {actual?.ToJsonString() ?? "null"}, expected {expected}.");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{ModelType}: {NumLayers} layers, hidden {HiddenSize}, heads {NumHeads}/{NumKeyValueHeads}×{HeadDim}, ffn {IntermediateSize}, vocab {VocabSize}, rope {RopeScaling.Type} θ={RopeTheta}, tied={TieWordEmbeddings}");
}

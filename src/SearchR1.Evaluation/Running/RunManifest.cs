using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SearchR1.Evaluation.Running;

/// <summary>
/// <c>manifest.json</c> of a run folder: what produced the predictions (model, retriever, data, every setting,
/// versions, seed), so a table can always be traced back and a resumed run can refuse to mix settings.
/// </summary>
public sealed record RunManifest
{
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    [JsonPropertyName("model")] public required string Model { get; init; }

    [JsonPropertyName("retriever")] public string? Retriever { get; init; }

    [JsonPropertyName("methods")] public required IReadOnlyList<string> Methods { get; init; }

    [JsonPropertyName("data")] public required IReadOnlyList<string> Data { get; init; }

    [JsonPropertyName("limit")] public int? Limit { get; init; }

    [JsonPropertyName("top_k")] public int TopK { get; init; }

    [JsonPropertyName("max_turns")] public int MaxTurns { get; init; }

    [JsonPropertyName("max_response_tokens")] public int MaxResponseTokens { get; init; }

    [JsonPropertyName("max_observation_tokens")] public int MaxObservationTokens { get; init; }

    [JsonPropertyName("temperature")] public float Temperature { get; init; }

    [JsonPropertyName("seed")] public long Seed { get; init; }

    [JsonPropertyName("batch_size")] public int BatchSize { get; init; }

    [JsonPropertyName("versions")] public IReadOnlyDictionary<string, string> Versions { get; init; } = CurrentVersions();

    [JsonPropertyName("command_line")] public string? CommandLine { get; init; }

    [JsonPropertyName("started_utc")] public DateTimeOffset StartedUtc { get; init; } = DateTimeOffset.UtcNow;

    [JsonPropertyName("updated_utc")] public DateTimeOffset UpdatedUtc { get; init; } = DateTimeOffset.UtcNow;

    public static RunManifest From(EvalOptions options, string model, string? retriever, IReadOnlyList<string> methods,
        IReadOnlyList<string> data, int? limit, string? commandLine) => new()
    {
        Model = model,
        Retriever = retriever,
        Methods = methods,
        Data = data,
        Limit = limit,
        TopK = options.TopK,
        MaxTurns = options.MaxTurns,
        MaxResponseTokens = options.MaxResponseTokens,
        MaxObservationTokens = options.MaxObservationTokens,
        Temperature = options.Temperature,
        Seed = options.Seed,
        BatchSize = options.BatchSize,
        CommandLine = commandLine,
    };

    /// <summary>
    /// Why the predictions in a folder made with <paramref name="earlier"/> cannot be continued with these
    /// settings, or null when they can (the model, retriever and generation settings must agree; data, methods
    /// and limit may grow; a run without retriever fits with any).
    /// </summary>
    public string? ConflictWith(RunManifest earlier)
    {
        var differences = new List<string>();
        void Check<T>(string name, T before, T now)
        {
            if (!EqualityComparer<T>.Default.Equals(before, now))
            {
                differences.Add($"{name}: {before} then {now}");
            }
        }
        Check("model", earlier.Model, Model);
        if (earlier.Retriever is not null && Retriever is not null)
        {
            // A run of methods that do not search names no retriever; it can share a folder with one that does.
            Check("retriever", earlier.Retriever, Retriever);
        }
        Check("top_k", earlier.TopK, TopK);
        Check("max_turns", earlier.MaxTurns, MaxTurns);
        Check("max_response_tokens", earlier.MaxResponseTokens, MaxResponseTokens);
        Check("temperature", earlier.Temperature, Temperature);
        Check("seed", earlier.Seed, Seed);
        return differences.Count == 0 ? null : string.Join("; ", differences);
    }

    public static RunManifest? TryRead(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a run manifest ({e.Message}).", e);
        }
    }

    public void Write(string folder) => AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    private static Dictionary<string, string> CurrentVersions()
    {
        static string Of(Assembly assembly) =>
            assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
        return new Dictionary<string, string>
        {
            ["searchr1"] = Of(typeof(RunManifest).Assembly),
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["os"] = RuntimeInformation.OSDescription,
            ["openai"] = Of(typeof(OpenAI.OpenAIClient).Assembly),
        };
    }
}

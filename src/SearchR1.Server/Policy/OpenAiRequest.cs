using System.Text.Json;
using System.Text.Json.Nodes;
using SearchR1.Evaluation.Policies;

namespace SearchR1.Server.Policy;

/// <summary>
/// The fields of an OpenAI completions or chat request that the policy server honours: <c>max_tokens</c>
/// (or <c>max_completion_tokens</c>), <c>temperature</c>, <c>stop</c> (string or list), <c>n</c> (1 only),
/// <c>seed</c>, and vLLM's <c>include_stop_str_in_output</c>, <c>continue_final_message</c>,
/// <c>add_generation_prompt</c>. Unknown fields are ignored, as OpenAI-compatible servers do.
/// </summary>
internal sealed record OpenAiRequest(
    string? Model,
    SamplingSettings Settings,
    bool IncludeStopString,
    JsonObject Body)
{
    /// <summary>OpenAI's default when a completions request names no limit.</summary>
    public const int DefaultMaxTokens = 16;

    public static OpenAiRequest Parse(JsonNode? node, int defaultMaxTokens)
    {
        if (node is not JsonObject body)
        {
            throw new OpenAiRequestError("The request body must be a JSON object.");
        }
        int maxTokens = Int(body, "max_tokens") ?? Int(body, "max_completion_tokens") ?? defaultMaxTokens;
        if (maxTokens < 1)
        {
            throw new OpenAiRequestError($"max_tokens must be at least 1 (got {maxTokens}).", "max_tokens");
        }
        float temperature = (float)(Double(body, "temperature") ?? 1.0);
        if (temperature < 0)
        {
            throw new OpenAiRequestError($"temperature must be >= 0 (got {temperature}).", "temperature");
        }
        int n = Int(body, "n") ?? 1;
        if (n != 1)
        {
            throw new OpenAiRequestError($"Only n = 1 is supported (got {n}).", "n");
        }
        var stops = new List<string>();
        switch (body["stop"])
        {
            case null:
                break;
            case JsonValue single when single.TryGetValue(out string? one):
                stops.Add(one);
                break;
            case JsonArray many:
                foreach (JsonNode? item in many)
                {
                    stops.Add(item is JsonValue v && v.TryGetValue(out string? s)
                        ? s : throw new OpenAiRequestError("stop must be a string or a list of strings.", "stop"));
                }
                break;
            default:
                throw new OpenAiRequestError("stop must be a string or a list of strings.", "stop");
        }
        long? seed = body["seed"] is JsonValue seedValue && seedValue.TryGetValue(out long s64) ? s64 : null;
        string? model = body["model"] is JsonValue m && m.TryGetValue(out string? name) ? name : null;
        return new OpenAiRequest(model, new SamplingSettings(maxTokens, temperature, stops.Where(x => x.Length > 0).ToList(), seed),
            Bool(body, "include_stop_str_in_output") ?? false, body);
    }

    public static bool? Bool(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out bool b) => b,
        _ => throw new OpenAiRequestError($"{name} must be true or false.", name),
    };

    private static int? Int(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int i) => i,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double d) && d == Math.Floor(d) => (int)d,
        _ => throw new OpenAiRequestError($"{name} must be an integer.", name),
    };

    private static double? Double(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double d) => d,
        _ => throw new OpenAiRequestError($"{name} must be a number.", name),
    };
}

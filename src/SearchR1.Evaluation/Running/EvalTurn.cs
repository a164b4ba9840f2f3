using System.Text.Json.Serialization;

namespace SearchR1.Evaluation.Running;

/// <summary>One generation of a trajectory: what the policy wrote, the action read from it, what came back.</summary>
public sealed record EvalTurn
{
    /// <summary>The policy's text for this turn (cut after the first <c>&lt;/search&gt;</c> or <c>&lt;/answer&gt;</c>).</summary>
    [JsonPropertyName("response")] public required string Response { get; init; }

    /// <summary>search, answer or invalid.</summary>
    [JsonPropertyName("action")] public required string Action { get; init; }

    /// <summary>The query or answer inside the tags (empty for an invalid action).</summary>
    [JsonPropertyName("content")] public string Content { get; init; } = "";

    /// <summary>What was appended after the response: <c>&lt;information&gt;</c> block, the invalid-action text, or nothing.</summary>
    [JsonPropertyName("observation")] public string Observation { get; init; } = "";

    /// <summary>Tokens the policy wrote in this turn.</summary>
    [JsonPropertyName("tokens")] public int Tokens { get; init; }

    /// <summary>stop, eos or length.</summary>
    [JsonPropertyName("finish")] public string Finish { get; init; } = "";
}

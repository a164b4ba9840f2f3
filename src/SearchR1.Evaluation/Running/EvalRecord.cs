using System.Text.Json.Serialization;

namespace SearchR1.Evaluation.Running;

/// <summary>
/// One evaluated question: a line of <c>predictions.jsonl</c>. It holds everything needed to audit or re-score
/// the example (prompt, the full trajectory, the searches, the extracted answer) and its scores.
/// </summary>
public sealed record EvalRecord
{
    /// <summary>Stable key used for resumption: data source, example id and position in its file.</summary>
    [JsonPropertyName("key")] public required string Key { get; init; }

    [JsonPropertyName("id")] public required string Id { get; init; }

    [JsonPropertyName("data_source")] public required string DataSource { get; init; }

    [JsonPropertyName("method")] public required string Method { get; init; }

    [JsonPropertyName("question")] public required string Question { get; init; }

    [JsonPropertyName("golden_answers")] public required IReadOnlyList<string> GoldenAnswers { get; init; }

    /// <summary>The user turn (the filled-in template, RAG context included).</summary>
    [JsonPropertyName("prompt")] public required string Prompt { get; init; }

    /// <summary>Everything after the prompt: each turn's text and each observation, in order.</summary>
    [JsonPropertyName("response")] public required string Response { get; init; }

    [JsonPropertyName("turns")] public required IReadOnlyList<EvalTurn> Turns { get; init; }

    /// <summary>The queries sent to the retriever (RAG: the question itself).</summary>
    [JsonPropertyName("searches")] public required IReadOnlyList<string> Searches { get; init; }

    /// <summary>
    /// The text the scores come from, as the original's reward manager sees it (SPEC §4.1): for a local model the
    /// whole decoded sequence (chat template and special tokens included), for an endpoint prompt + response.
    /// <c>searchr1 score --input predictions.jsonl</c> re-scores it and gets the same numbers.
    /// </summary>
    [JsonPropertyName("solution_str")] public required string SolutionStr { get; init; }

    /// <summary>The answer extracted as the original's reward does it (SPEC §4.2); null when there is none.</summary>
    [JsonPropertyName("prediction")] public string? Prediction { get; init; }

    /// <summary>True when the trajectory ended with an answer action.</summary>
    [JsonPropertyName("answered")] public bool Answered { get; init; }

    [JsonPropertyName("em")] public double Em { get; init; }

    [JsonPropertyName("subem")] public double SubEm { get; init; }

    [JsonPropertyName("f1")] public double F1 { get; init; }

    /// <summary>Tokens the policy wrote (observations excluded).</summary>
    [JsonPropertyName("response_tokens")] public int ResponseTokens { get; init; }

    [JsonPropertyName("seconds")] public double Seconds { get; init; }
}

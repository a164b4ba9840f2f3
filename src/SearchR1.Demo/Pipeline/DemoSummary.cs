using System.Text.Json.Serialization;

namespace SearchR1.Demo.Pipeline;

/// <summary>Scores of one policy on one kind of held-out question.</summary>
public sealed record KindScores(
    [property: JsonPropertyName("em")] double ExactMatch,
    [property: JsonPropertyName("searches_per_question")] double SearchesPerQuestion,
    [property: JsonPropertyName("response_tokens")] double ResponseTokens,
    [property: JsonPropertyName("questions")] int Questions);

/// <summary>Scores of one policy on both kinds of held-out question.</summary>
public sealed record PolicyScores(
    [property: JsonPropertyName("single_hop")] KindScores SingleHop,
    [property: JsonPropertyName("two_hop")] KindScores TwoHop);

/// <summary>
/// The demo's machine-readable result (<c>summary.json</c>), so that runs can be compared by programs.
/// </summary>
public sealed record DemoSummary(
    [property: JsonPropertyName("before")] PolicyScores Before,
    [property: JsonPropertyName("after")] PolicyScores After,
    [property: JsonPropertyName("steps")] int Steps,
    [property: JsonPropertyName("algorithm")] string Algorithm,
    [property: JsonPropertyName("masking")] bool Masking,
    [property: JsonPropertyName("wall_seconds")] double WallSeconds,
    [property: JsonPropertyName("peak_memory_mb")] double PeakMemoryMb,
    [property: JsonPropertyName("checkpoint")] string Checkpoint,
    [property: JsonPropertyName("index")] string Index);

using System.Text.Json;
using System.Text.Json.Nodes;
using SearchR1.TestSupport;

namespace SearchR1.Cli.Tests.Commands;

/// <summary>`searchr1 score` reproduces every vector made by running the original reward code.</summary>
[Conformance]
public class ScoreCommandConformanceTests
{
    [ConformanceTheory]
    [InlineData("data/reward/reward-vectors-dev.jsonl", "0.2,0.1,0.0", "format_score_0.2_0.1_0.0")]
    [InlineData("data/reward/reward-vectors-dev.jsonl", "0.2,0.1,0.1", "format_score_0.2_0.1_0.1")]
    [InlineData("data/reward/reward-vectors-edge.jsonl", "0.2,0.1,0.0", null)]
    public async Task Score_reproduces_every_reward_vector(string file, string weights, string? formatKey)
    {
        string input = SharedData.Path(file);
        (int exitCode, string output, string error) =
            await ScoreCommandTests.RunAsync("score", "--input", input, "--format-reward", weights);
        Assert.True(exitCode == 0, error);

        string[] expectedLines = [.. File.ReadLines(input).Where(line => line.Length > 0)];
        string[] actualLines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expectedLines.Length, actualLines.Length);
        var failures = new List<string>();
        for (int i = 0; i < expectedLines.Length; i++)
        {
            JsonObject expected = JsonNode.Parse(expectedLines[i])!.AsObject();
            JsonObject actual = JsonNode.Parse(actualLines[i])!.AsObject();
            var keys = new List<(string Expected, string Actual)> { ("extracted", "extracted"), ("em", "em"), ("subem", "subem") };
            if (formatKey is not null)
            {
                keys.AddRange([("format_valid", "format_valid"), ("retrieval_correct", "retrieval_correct"), (formatKey, "format_score")]);
            }
            foreach ((string expectedKey, string actualKey) in keys)
            {
                if (!SameValue(expected[expectedKey], actual[actualKey]))
                {
                    failures.Add($"line {i + 1} {expectedKey}: expected {expected[expectedKey]?.ToJsonString() ?? "null"}, got {actual[actualKey]?.ToJsonString() ?? "null"}");
                }
            }
            Assert.Equal(expected["solution_str"]!.GetValue<string>(), actual["solution_str"]!.GetValue<string>());
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    // Numbers compare as doubles (the original writes 1.0 or 1, we write 1); everything else as JSON.
    private static bool SameValue(JsonNode? expected, JsonNode? actual) =>
        expected is null || actual is null
            ? expected is null && actual is null
            : expected.GetValueKind() == JsonValueKind.Number
                ? actual.GetValueKind() == JsonValueKind.Number && expected.GetValue<double>() == actual.GetValue<double>()
                : JsonNode.DeepEquals(expected, actual);
}

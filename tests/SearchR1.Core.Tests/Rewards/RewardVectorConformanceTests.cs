using System.Text.Json;
using SearchR1.Core.Rewards;
using SearchR1.TestSupport;

namespace SearchR1.Core.Tests.Rewards;

/// <summary>Every vector made by running the original reward code (../shared/data/reward) must pass.</summary>
[Conformance]
public class RewardVectorConformanceTests
{
    [ConformanceFact]
    public void Every_normalize_vector_matches_the_original()
    {
        var failures = new List<string>();
        int count = 0;
        foreach (JsonElement row in ReadJsonLines("data/reward/normalize-vectors-dev.jsonl"))
        {
            count++;
            string input = row.GetProperty("input").GetString()!;
            string expected = row.GetProperty("normalized").GetString()!;
            string actual = AnswerNormalizer.Normalize(input);
            if (actual != expected)
            {
                failures.Add($"{JsonSerializer.Serialize(input)}: expected {JsonSerializer.Serialize(expected)}, got {JsonSerializer.Serialize(actual)}");
            }
        }
        Assert.Equal(2000, count);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [ConformanceTheory]
    [InlineData("data/reward/reward-vectors-dev.jsonl", 80)]
    [InlineData("data/reward/reward-vectors-edge.jsonl", 9)]
    public void Every_reward_vector_matches_the_original(string file, int expectedCount)
    {
        var failures = new List<string>();
        int line = 0;
        foreach (JsonElement row in ReadJsonLines(file))
        {
            line++;
            string solution = row.GetProperty("solution_str").GetString()!;
            IReadOnlyList<string> golds = GoldenAnswers(row.GetProperty("golden_answers"));
            var problems = new List<string>();

            string? expectedExtracted = row.GetProperty("extracted").ValueKind == JsonValueKind.Null
                ? null
                : row.GetProperty("extracted").GetString();
            Check(problems, "extracted", expectedExtracted, AnswerExtractor.Extract(solution));
            Check(problems, "em", row.GetProperty("em").GetDouble(), new ExactMatchReward().Score(solution, golds));
            AnswerScore score = AnswerScorer.ScoreSequence(solution, golds);
            Check(problems, "em (scorer)", row.GetProperty("em").GetDouble(), score.ExactMatch);
            Check(problems, "subem", row.GetProperty("subem").GetDouble(), score.SubstringExactMatch);

            if (row.TryGetProperty("format_valid", out JsonElement formatValid))
            {
                Check(problems, "format_valid", formatValid.GetBoolean(), FormatReward.IsValidSequence(solution).IsValid);
                JsonElement retrieval = row.GetProperty("retrieval_correct");
                bool? expectedRetrieval = retrieval.ValueKind == JsonValueKind.Null ? null : retrieval.GetBoolean();
                foreach ((string key, FormatRewardWeights weights) in new[]
                {
                    ("format_score_0.2_0.1_0.0", new FormatRewardWeights(0.2, 0.1, 0.0)),
                    ("format_score_0.2_0.1_0.1", new FormatRewardWeights(0.2, 0.1, 0.1)),
                })
                {
                    FormatRewardResult result = FormatReward.Evaluate(solution, golds, weights);
                    Check(problems, "retrieval_correct", expectedRetrieval, result.RetrievalCorrect);
                    Check(problems, key, row.GetProperty(key).GetDouble(), result.Score);
                    Check(problems, key + " (selector)", row.GetProperty(key).GetDouble(),
                        RewardFunctions.Create("format", weights).Score(solution, golds));
                }
            }
            if (problems.Count > 0)
            {
                failures.Add($"{file} line {line}: {string.Join("; ", problems)}");
            }
        }
        Assert.Equal(expectedCount, line);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    internal static IReadOnlyList<string> GoldenAnswers(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? [element.GetString()!]
        : [.. element.EnumerateArray().Select(e => e.GetString()!)];

    internal static IEnumerable<JsonElement> ReadJsonLines(string relative)
    {
        foreach (string line in File.ReadLines(SharedData.Path(relative)))
        {
            if (line.Length > 0)
            {
                using var document = JsonDocument.Parse(line);
                yield return document.RootElement.Clone();
            }
        }
    }

    private static void Check<T>(List<string> problems, string field, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            problems.Add($"{field}: expected {expected?.ToString() ?? "null"}, got {actual?.ToString() ?? "null"}");
        }
    }
}

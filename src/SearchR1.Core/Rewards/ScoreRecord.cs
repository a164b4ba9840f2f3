using System.Text.Json;
using System.Text.Json.Nodes;

namespace SearchR1.Core.Rewards;

/// <summary>
/// One line of the <c>searchr1 score</c> format: an input object holding <c>golden_answers</c> (a string or a
/// list) and either <c>solution_str</c> (a full decoded sequence, scored as the original's reward manager scores
/// it) or <c>prediction</c> (an answer already extracted). Scoring adds <c>extracted</c>,
/// <c>normalized_prediction</c>, <c>em</c>, <c>subem</c>, <c>f1</c> and, with format weights,
/// <c>format_valid</c>, <c>retrieval_correct</c> and <c>format_score</c>, keeping every input field.
/// </summary>
public static class ScoreRecord
{
    /// <summary>
    /// Scores <paramref name="line"/> in place and returns the score. Throws <see cref="FormatException"/> naming
    /// the field and what was expected when the line is not a valid record.
    /// </summary>
    public static AnswerScore Score(JsonObject line, FormatRewardWeights? formatWeights)
    {
        IReadOnlyList<string> golds = GoldenAnswers(line["golden_answers"]);
        bool bareGoldString = line["golden_answers"]!.GetValueKind() == JsonValueKind.String;
        string? solution = OptionalString(line, "solution_str");
        string? prediction = OptionalString(line, "prediction");
        AnswerScore score = (solution, prediction) switch
        {
            (not null, _) when bareGoldString => AnswerScorer.ScoreSequenceWithBareGoldString(solution, golds[0], formatWeights),
            (not null, _) => AnswerScorer.ScoreSequence(solution, golds, formatWeights),
            (null, not null) => AnswerScorer.ScorePrediction(prediction, golds),
            _ => throw new FormatException(
                "field 'solution_str' or 'prediction': expected a string in one of them, but both are missing"),
        };

        line["extracted"] = score.Extracted;
        line["normalized_prediction"] = score.NormalizedPrediction;
        line["em"] = score.ExactMatch;
        line["subem"] = score.SubstringExactMatch;
        line["f1"] = score.TokenF1;
        if (formatWeights is not null)
        {
            // A bare prediction has no tags to judge: the format fields are null.
            line["format_valid"] = score.Format?.FormatValid;
            line["retrieval_correct"] = score.Format?.RetrievalCorrect;
            line["format_score"] = score.Format?.Score;
        }
        return score;
    }

    private static List<string> GoldenAnswers(JsonNode? node)
    {
        const string expected = "field 'golden_answers': expected a string or a list of strings";
        switch (node?.GetValueKind())
        {
            case JsonValueKind.String:
                return [node.GetValue<string>()];
            case JsonValueKind.Array:
                var answers = new List<string>();
                foreach (JsonNode? item in node.AsArray())
                {
                    answers.Add(item?.GetValueKind() == JsonValueKind.String
                        ? item.GetValue<string>()
                        : throw new FormatException($"{expected}, got a list holding {Describe(item)}"));
                }
                return answers;
            case null:
                throw new FormatException($"{expected}, but the field is missing");
            default:
                throw new FormatException($"{expected}, got {Describe(node)}");
        }
    }

    private static string? OptionalString(JsonObject line, string field)
    {
        JsonNode? node = line[field];
        if (node is null)
        {
            return null;
        }
        return node.GetValueKind() == JsonValueKind.String
            ? node.GetValue<string>()
            : throw new FormatException($"field '{field}': expected a string, got {Describe(node)}");
    }

    private static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {node.ToJsonString()}",
        _ => node.ToJsonString(),
    };
}

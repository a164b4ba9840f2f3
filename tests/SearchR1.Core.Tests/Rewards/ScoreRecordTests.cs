using System.Text.Json.Nodes;
using SearchR1.Core.Rewards;

namespace SearchR1.Core.Tests.Rewards;

public class ScoreRecordTests
{
    private const string Sequence =
        "<|im_start|>user\nFor example, <answer> Beijing </answer>. Question: q?\n<|im_end|>\n<|im_start|>assistant\n" +
        "<think> x </think><search> q </search>\n\n<information>Doc 1(Title: \"Lyon\") Lyon is big</information>\n\n" +
        "<think> y </think><answer> Rome </answer>";

    private static JsonObject Line(JsonNode golds) => new() { ["solution_str"] = Sequence, ["golden_answers"] = golds };

    [Fact]
    public void Scoring_keeps_the_input_fields_and_adds_the_metrics()
    {
        JsonObject line = Line(new JsonArray("Rome", "Roma"));
        line["id"] = "q1";
        AnswerScore score = ScoreRecord.Score(line, null);
        Assert.Equal("q1", (string)line["id"]!);
        Assert.Equal(Sequence, (string)line["solution_str"]!);
        Assert.Equal("Rome", (string)line["extracted"]!);
        Assert.Equal("rome", (string)line["normalized_prediction"]!);
        Assert.Equal(1.0, (double)line["em"]!);
        Assert.Equal(score.TokenF1, (double)line["f1"]!);
        Assert.False(line.ContainsKey("format_valid"));
    }

    // Python: is_retrieval_correct(text, "Paris") iterates the characters of the string; normalize_answer("a")
    // is "" (an article), and "" is in every block, so it is True; with ["Paris"] it is False. With "Oslo",
    // "o" is in "lyon": True; with "Qz" neither character is: False.
    [Theory]
    [InlineData("\"Paris\"", true, 0.30000000000000004)]
    [InlineData("[\"Paris\"]", false, 0.2)]
    [InlineData("\"Oslo\"", true, 0.30000000000000004)]
    [InlineData("\"Qz\"", false, 0.2)]
    public void A_bare_gold_string_is_iterated_by_character_for_retrieval_as_in_the_original(
        string goldsJson, bool retrievalCorrect, double formatScore)
    {
        JsonObject line = Line(JsonNode.Parse(goldsJson)!);
        ScoreRecord.Score(line, new FormatRewardWeights(0.2, 0.1, 0.1));
        Assert.True((bool)line["format_valid"]!);
        Assert.Equal(retrievalCorrect, (bool)line["retrieval_correct"]!);
        Assert.Equal(formatScore, (double)line["format_score"]!);
        Assert.Equal(0.0, (double)line["em"]!);
    }

    [Fact]
    public void A_bare_prediction_gets_null_format_fields()
    {
        var line = new JsonObject { ["prediction"] = "The Rome", ["golden_answers"] = "rome" };
        ScoreRecord.Score(line, new FormatRewardWeights());
        Assert.Equal(1.0, (double)line["em"]!);
        Assert.True(line.ContainsKey("format_valid"));
        Assert.Null(line["format_valid"]);
        Assert.Null(line["format_score"]);
    }

    [Theory]
    [InlineData("{\"prediction\": \"x\"}", "field 'golden_answers': expected a string or a list of strings, but the field is missing")]
    [InlineData("{\"prediction\": \"x\", \"golden_answers\": [1]}", "field 'golden_answers': expected a string or a list of strings, got a list holding the number 1")]
    [InlineData("{\"prediction\": 5, \"golden_answers\": \"x\"}", "field 'prediction': expected a string, got the number 5")]
    [InlineData("{\"golden_answers\": \"x\"}", "field 'solution_str' or 'prediction': expected a string in one of them, but both are missing")]
    public void Invalid_records_name_the_field_and_what_was_expected(string json, string message)
    {
        var error = Assert.Throws<FormatException>(() => ScoreRecord.Score(JsonNode.Parse(json)!.AsObject(), null));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_summary_averages_overall_and_per_data_source()
    {
        var summary = new ScoreSummary();
        summary.Add(new AnswerScore("a", "a", 1, 1, 1, new FormatRewardResult(true, true, 1)), "nq");
        summary.Add(new AnswerScore(null, null, 0, 0, 0, null), "nq");
        summary.Add(new AnswerScore("b", "b", 0, 1, 0.5, null), "hotpotqa");
        Assert.Equal(3, summary.Overall.Count);
        Assert.Equal(1.0 / 3, summary.Overall.MeanExactMatch, 12);
        Assert.Equal(2.0 / 3, summary.Overall.MeanSubstringExactMatch, 12);
        Assert.Equal(0.5, summary.Overall.MeanTokenF1, 12);
        Assert.Equal(1.0, summary.Overall.MeanFormatScore);
        Assert.Equal(["nq", "hotpotqa"], summary.BySource.Keys);
        Assert.Equal(0.5, summary.BySource["nq"].MeanExactMatch);
        Assert.Null(summary.BySource["hotpotqa"].MeanFormatScore);
    }
}

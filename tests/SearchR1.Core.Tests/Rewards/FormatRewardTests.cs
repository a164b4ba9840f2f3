using SearchR1.Core.Rewards;

namespace SearchR1.Core.Tests.Rewards;

public class FormatRewardTests
{
    private const string Prompt = "<|im_start|>user\nFor example, <answer> Beijing </answer>. Question: q?\n<|im_end|>\n";

    private static string Sequence(string assistant) => Prompt + "<|im_start|>assistant\n" + assistant;

    private const string SearchThenAnswer =
        "<think> look </think>\n<search> q </search>\n\n<information>Doc 1(Title: \"Paris\") Paris is the capital.</information>\n\n" +
        "<think> so </think>\n<answer> {0} </answer>";

    [Fact]
    public void A_think_search_information_think_answer_sequence_is_valid()
    {
        FormatValidity validity = FormatReward.IsValidSequence(Sequence(string.Format(SearchThenAnswer, "Paris")));
        Assert.True(validity.IsValid, validity.Reason);
        Assert.Equal("Valid sequence format", validity.Reason);
    }

    [Theory]
    [InlineData("<think>x</think><answer>y</answer>", true, "Valid sequence format")]
    [InlineData("<answer>y</answer>", false, "Unexpected tag <answer> in state start")]
    [InlineData("<think>x</think>text<answer>y</answer>", false, "Unexpected content 'text' between tags (state: after_think)")]
    [InlineData("<think>x</think><answer>y</answer> trailing", false, "Unexpected content in state end")]
    [InlineData("<think>x</think><answer>y", false, "Mismatch in answer tags: 1 opening vs 0 closing tags")]
    [InlineData("<think>x</think><search>q</search>", false, "Incomplete sequence, ended in state after_search")]
    [InlineData("<think>x</think><search>q</search><think>y</think><answer>z</answer>", false, "Unexpected tag <think> in state after_search")]
    [InlineData("<think>x</think>\u001f\u2029<answer>y</answer>\u001c", true, "Valid sequence format")]
    public void The_state_machine_gives_the_original_verdict_and_reason(string assistant, bool valid, string reason)
    {
        FormatValidity validity = FormatReward.IsValidSequence(Sequence(assistant));
        Assert.Equal(valid, validity.IsValid);
        Assert.Equal(reason, validity.Reason);
    }

    [Fact]
    public void A_sequence_without_the_chat_ml_assistant_marker_is_invalid()
    {
        Assert.Equal(new FormatValidity(false, "Missing assistant marker"), FormatReward.IsValidSequence("<think>x</think><answer>y</answer>"));
    }

    [Theory]
    [InlineData("Paris", true, 0.2, 0.1, 0.1, 1.0)]
    [InlineData("London", true, 0.2, 0.1, 0.1, 0.30000000000000004)]
    [InlineData("London", true, 0.2, 0.1, 0.0, 0.2)]
    public void Valid_sequences_score_one_when_correct_else_the_structure_and_retrieval_scores(
        string answer, bool expectedValid, double sfs, double ffs, double rs, double expected)
    {
        FormatRewardResult result = FormatReward.Evaluate(
            Sequence(string.Format(SearchThenAnswer, answer)), ["Paris"], new FormatRewardWeights(sfs, ffs, rs));
        Assert.Equal(expectedValid, result.FormatValid);
        Assert.True(result.RetrievalCorrect);
        Assert.Equal(expected, result.Score);
    }

    [Fact]
    public void Invalid_sequences_score_one_minus_sfs_when_correct_ffs_when_wrong_and_zero_without_answer()
    {
        var weights = new FormatRewardWeights(0.2, 0.1, 0.1);
        FormatRewardResult correct = FormatReward.Evaluate(Sequence("<answer>Paris</answer> junk"), ["Paris"], weights);
        Assert.Equal(new FormatRewardResult(false, null, 0.8), correct);
        Assert.Equal(0.1, FormatReward.Score(Sequence("<answer>Rome</answer> junk"), ["Paris"], weights));
        Assert.Equal(0.0, FormatReward.Score("no marker and no answer", ["Paris"], weights));
    }

    [Fact]
    public void Retrieval_is_correct_when_a_normalised_gold_answer_is_inside_a_normalised_information_block()
    {
        Assert.True(FormatReward.IsRetrievalCorrect("<information>The CAPITAL, of France</information>", ["capital of france"]));
        Assert.False(FormatReward.IsRetrievalCorrect("<information>Lyon</information> Paris", ["Paris"]));
    }

    [Fact]
    public void Weights_parse_from_the_command_line_form()
    {
        Assert.Equal(new FormatRewardWeights(0.2, 0.1, 0.05), FormatRewardWeights.Parse("0.2, 0.1,0.05"));
        Assert.Throws<FormatException>(() => FormatRewardWeights.Parse("0.2,0.1"));
        Assert.Throws<FormatException>(() => FormatRewardWeights.Parse("a,b,c"));
    }
}

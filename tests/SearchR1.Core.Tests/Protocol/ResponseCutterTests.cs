using SearchR1.Core.Protocol;

namespace SearchR1.Core.Tests.Protocol;

public class ResponseCutterTests
{
    [Theory]
    [InlineData("<search>q</search> more <search>r</search>", "<search>q</search>")]
    [InlineData("<answer>a</answer> tail", "<answer>a</answer>")]
    [InlineData("<answer>a</answer> <search>q</search> tail", "<answer>a</answer> <search>q</search>")]
    [InlineData("no tags at all", "no tags at all")]
    [InlineData("", "")]
    public void The_response_is_cut_after_the_first_search_close_else_the_first_answer_close(string response, string expected)
    {
        Assert.Equal(expected, ResponseCutter.Cut(response));
    }

    [Fact]
    public void Stop_strings_and_the_invalid_action_text_are_the_original_strings()
    {
        Assert.Equal(["</search>", "</answer>"], ProtocolText.StopStrings);
        Assert.Equal(
            "\nMy previous action is invalid. If I want to search, I should put the query between <search> and </search>. If I want to give the final answer, I should put the answer between <answer> and </answer>. Let me try again.\n",
            ProtocolText.InvalidActionObservation);
    }
}

using SearchR1.Core.Rewards;

namespace SearchR1.Core.Tests.Rewards;

public class AnswerExtractorTests
{
    [Theory]
    [InlineData("<answer>only one</answer>", null)]
    [InlineData("nothing", null)]
    [InlineData("<answer> a </answer> <answer>\n b \n</answer>", "b")]
    [InlineData("<answer>a</answer><answer>x<answer>y</answer>", "x<answer>y")]
    [InlineData("<answer>a</answer><answer>multi\nline</answer> <answer>unclosed", "multi\nline")]
    public void The_last_answer_is_extracted_only_when_there_are_at_least_two(string text, string? expected)
    {
        Assert.Equal(expected, AnswerExtractor.Extract(text));
    }

    [Fact]
    public void Information_blocks_are_returned_stripped_in_order()
    {
        Assert.Equal(["one", "two\nlines"], AnswerExtractor.InformationBlocks("<information> one </information>x<information>\ntwo\nlines\n</information>"));
    }
}

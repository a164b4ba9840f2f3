using SearchR1.Core.Protocol;

namespace SearchR1.Core.Tests.Protocol;

public class ActionParserTests
{
    [Theory]
    [InlineData("<think>hm</think>\n<search> Paul Walker cars </search>", AgentActionKind.Search, "Paul Walker cars")]
    [InlineData("<think>done</think><answer>\n Sinoatrial node \n</answer>", AgentActionKind.Answer, "Sinoatrial node")]
    [InlineData("<answer>first</answer><search>second</search>", AgentActionKind.Answer, "first")]
    [InlineData("<search>multi\nline</search>", AgentActionKind.Search, "multi\nline")]
    [InlineData("<search>a</answer> <answer>b</answer>", AgentActionKind.Answer, "b")]
    [InlineData("<search></search>", AgentActionKind.Search, "")]
    [InlineData("<search>\u001fq\u001c</search>", AgentActionKind.Search, "q")]
    public void The_first_matching_tag_pair_decides_the_action(string response, AgentActionKind kind, string content)
    {
        AgentAction action = ActionParser.Parse(response);
        Assert.Equal(kind, action.Kind);
        Assert.Equal(content, action.Content);
    }

    [Theory]
    [InlineData("I think the answer is Paris.")]
    [InlineData("<search>unclosed")]
    [InlineData("<Search>q</Search>")]
    [InlineData("<search>q</answer>")]
    public void Text_without_a_closed_search_or_answer_is_an_invalid_action(string response)
    {
        AgentAction action = ActionParser.Parse(response);
        Assert.Equal(AgentActionKind.Invalid, action.Kind);
        Assert.False(action.IsValid);
        Assert.Equal("", action.Content);
    }
}

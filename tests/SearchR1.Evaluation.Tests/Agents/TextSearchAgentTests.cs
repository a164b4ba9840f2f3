using SearchR1.Core.Protocol;
using SearchR1.Evaluation.Agents;
using SearchR1.Evaluation.Tests.Support;

namespace SearchR1.Evaluation.Tests.Agents;

public sealed class TextSearchAgentTests : IDisposable
{
    private readonly TinyIndex _index = TinyIndex.Of(
        ("Paris", "Paris is the capital and largest city of France."),
        ("Berlin", "Berlin is the capital of Germany."),
        ("Madrid", "Madrid is the capital of Spain."));

    public void Dispose() => _index.Dispose();

    [Fact]
    public async Task A_search_appends_the_information_block_and_the_next_turn_answers()
    {
        var policy = new RuleBasedPolicy(RuleBasedPolicy.Behaviour.SearchThenAnswer);
        var agent = new TextSearchAgent(policy);
        string prompt = PromptTemplates.SearchR1("What is the capital of France");

        var result = (await agent.RunAsync([prompt], new AgentSettings(TopK: 2), _index.Retriever, default))[0];

        Assert.True(result.Answered);
        Assert.Equal(["What is the capital of France?"], result.Searches);
        Assert.Equal(["search", "answer"], result.Turns.Select(t => t.Action));
        string expectedObservation = "\n\n<information>Doc 1(Title: \"Paris\") Paris is the capital and largest city of France.\n" +
                                     "Doc 2(Title: \"";
        Assert.StartsWith(expectedObservation, result.Turns[0].Observation);
        Assert.EndsWith("</information>\n\n", result.Turns[0].Observation);
        Assert.Equal("", result.Turns[1].Observation);
        Assert.Equal("Paris", result.Turns[1].Content);
        Assert.Equal(result.Turns[0].Response + result.Turns[0].Observation + result.Turns[1].Response, result.Response);
        // The second call continues the assistant's text so far, observation included.
        Assert.Equal(result.Turns[0].Response + result.Turns[0].Observation, policy.Calls[1].AssistantPrefix);
    }

    [Fact]
    public async Task An_agent_that_never_answers_gets_max_turns_searches_and_a_final_search_that_is_not_executed()
    {
        var agent = new TextSearchAgent(new RuleBasedPolicy(RuleBasedPolicy.Behaviour.AlwaysSearch));

        var result = (await agent.RunAsync([PromptTemplates.SearchR1("capital of Spain")], new AgentSettings(MaxTurns: 2), _index.Retriever, default))[0];

        Assert.False(result.Answered);
        Assert.Equal(3, result.Turns.Count);
        Assert.Equal(2, result.Searches.Count);
        Assert.All(result.Turns.Take(2), t => Assert.StartsWith("\n\n<information>", t.Observation));
        Assert.Equal("search", result.Turns[2].Action);
        Assert.Equal("", result.Turns[2].Observation);
    }

    [Fact]
    public async Task An_invalid_action_gets_the_originals_invalid_action_text()
    {
        var agent = new TextSearchAgent(new RuleBasedPolicy(RuleBasedPolicy.Behaviour.InvalidThenAnswer));

        var result = (await agent.RunAsync([PromptTemplates.SearchR1("capital of France")], new AgentSettings(), _index.Retriever, default))[0];

        Assert.Equal(["invalid", "answer"], result.Turns.Select(t => t.Action));
        Assert.Equal(ProtocolText.InvalidActionObservation, result.Turns[0].Observation);
        Assert.Empty(result.Searches);
        Assert.True(result.Answered);
    }

    [Fact]
    public async Task With_no_search_turns_it_is_one_generation_without_retrieval()
    {
        var policy = new RuleBasedPolicy(RuleBasedPolicy.Behaviour.AlwaysSearch);
        var agent = new TextSearchAgent(policy);

        var results = await agent.RunAsync([PromptTemplates.R1("a"), PromptTemplates.R1("b")], new AgentSettings(MaxTurns: 0), retriever: null, default);

        Assert.Equal(2, policy.Calls.Count);
        Assert.All(results, r => Assert.Single(r.Turns));
        Assert.All(results, r => Assert.Empty(r.Searches));
    }
}

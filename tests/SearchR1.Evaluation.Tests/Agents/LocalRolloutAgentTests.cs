using SearchR1.Core.Data;
using SearchR1.Core.Protocol;
using SearchR1.Core.Rewards;
using SearchR1.Evaluation.Agents;
using SearchR1.Evaluation.Methods;
using SearchR1.Evaluation.Running;
using SearchR1.Evaluation.Tests.Support;
using SearchR1.Training.Rollout;

namespace SearchR1.Evaluation.Tests.Agents;

/// <summary>A local model is evaluated through the trainer's rollout: same trajectories, same scores as training validation.</summary>
public sealed class LocalRolloutAgentTests(ServedTinyPolicy served) : IClassFixture<ServedTinyPolicy>
{
    private static readonly QaExample[] Examples =
    [
        new() { Id = "a", Question = "What is the capital of France", GoldenAnswers = ["Paris"], DataSource = "toy" },
        new() { Id = "b", Question = "who wrote hamlet", GoldenAnswers = ["Shakespeare"], DataSource = "toy" },
        new() { Id = "c", Question = "Beijing is the capital of?", GoldenAnswers = ["Beijing", "China"], DataSource = "other" },
    ];

    [Fact]
    public async Task Evaluation_records_are_the_trainers_greedy_rollout_decoded_and_scored_by_the_reward()
    {
        var agent = served.Local.Agent();
        var options = new EvalOptions { MaxTurns = 2, MaxResponseTokens = 8 };

        EvalResult result = await Evaluator.RunAsync(agent, Examples, served.Index.Retriever, options);

        var prompts = Examples.Select(e => PromptTemplates.SearchR1(e.Question)).ToList();
        RolloutOptions rolloutOptions = agent.RolloutOptionsFor(options.AgentSettings());
        Assert.True(rolloutOptions.Sampling.Greedy);
        RolloutResult rollout = await SearchRollout.RunAsync(
            served.Local.RolloutPolicy(), served.Local.Tokenizer, served.Index.Retriever, prompts, rolloutOptions);
        for (int i = 0; i < Examples.Length; i++)
        {
            Trajectory trajectory = rollout.Rows[i].Trajectory;
            string sequence = served.Local.Tokenizer.Decode(trajectory.TokenIds, skipSpecialTokens: false);
            EvalRecord record = result.Records[i];
            Assert.Equal(sequence, record.SolutionStr);
            Assert.StartsWith(SearchRollout.FormatPrompt(served.Local.Tokenizer, prompts[i], rolloutOptions), sequence);
            Assert.Equal(trajectory.CountOf(TokenSource.Policy), record.ResponseTokens);
            Assert.Equal(rollout.Rows[i].Finished, record.Answered);
            Assert.Equal(AnswerScorer.ScoreSequence(sequence, Examples[i].GoldenAnswers).ExactMatch, record.Em);
            Assert.Equal(rollout.Rows[i].Generations, record.Turns.Count);
            Assert.Equal(rollout.Rows[i].ExecutedSearches, record.Searches.Count);
        }
        Assert.Equal(["other", "toy"], result.Datasets.Select(d => d.DataSource));
    }

    [Fact]
    public async Task Temperature_above_zero_samples_with_the_seed()
    {
        var agent = served.Local.Agent();
        var options = new EvalOptions { Method = EvalMethod.R1, Temperature = 1, Seed = 5, MaxResponseTokens = 8 };
        RolloutOptions rolloutOptions = agent.RolloutOptionsFor(options.AgentSettings());
        Assert.False(rolloutOptions.Sampling.Greedy);
        Assert.Equal(1.0, rolloutOptions.Sampling.Temperature);
        Assert.Equal(0, rolloutOptions.MaxTurns);

        var first = await Evaluator.RunAsync(agent, Examples, null, options);
        var second = await Evaluator.RunAsync(agent, Examples, null, options);
        Assert.Equal(first.Records.Select(r => r.SolutionStr), second.Records.Select(r => r.SolutionStr));
    }
}

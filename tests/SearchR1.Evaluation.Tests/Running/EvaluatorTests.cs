using SearchR1.Core.Data;
using SearchR1.Evaluation.Agents;
using SearchR1.Evaluation.Methods;
using SearchR1.Evaluation.Running;
using SearchR1.Evaluation.Tests.Support;

namespace SearchR1.Evaluation.Tests.Running;

public sealed class EvaluatorTests : IDisposable
{
    private readonly TinyIndex _index = TinyIndex.Of(
        ("Paris", "Paris is the capital and largest city of France."),
        ("William Shakespeare", "William Shakespeare wrote Hamlet, a tragedy."),
        ("Madrid", "Madrid is the capital of Spain."));

    private readonly string _out = Directory.CreateTempSubdirectory("searchr1-evaluator-").FullName;

    private static readonly QaExample[] Examples =
    [
        new() { Id = "1", Question = "capital of France", GoldenAnswers = ["Paris"], DataSource = "nq" },
        new() { Id = "2", Question = "who wrote Hamlet", GoldenAnswers = ["Shakespeare"], DataSource = "hotpotqa" },
        new() { Id = "3", Question = "capital of Spain", GoldenAnswers = ["Madrid", "Madrid, Spain"], DataSource = "nq" },
        new() { Id = "4", Question = "capital of Italy", GoldenAnswers = ["Rome"], DataSource = "bamboogle" },
    ];

    public void Dispose()
    {
        _index.Dispose();
        Directory.Delete(_out, recursive: true);
    }

    [Fact]
    public async Task Scores_are_grouped_per_data_source_with_em_subem_and_f1_of_the_extracted_answer()
    {
        var agent = new TextSearchAgent(new RuleBasedPolicy(RuleBasedPolicy.Behaviour.SearchThenAnswer));

        EvalResult result = await Evaluator.RunAsync(agent, Examples, _index.Retriever, new EvalOptions { TopK = 1 });

        Assert.Equal(["nq", "hotpotqa", "bamboogle"], result.Datasets.Select(d => d.DataSource));
        Assert.Equal([1.0, 0.0, 0.0], result.Datasets.Select(d => d.Em));
        // "William Shakespeare" contains the gold "Shakespeare": sub-EM 1, F1 2/3.
        Assert.Equal(1.0, result.Datasets[1].SubEm);
        Assert.Equal(2.0 / 3, result.Datasets[1].F1, 12);
        Assert.Equal(1.0, result.Datasets[0].SearchesPerQuestion);
        Assert.Equal((1.0 + 0.0 + 0.0) / 3, result.Average.Em, 12);
        Assert.Equal(["Paris", "William Shakespeare", "Madrid", "Madrid"], result.Records.Select(r => r.Prediction));
        Assert.All(result.Records, r => Assert.Equal(r.Prompt + r.Response, r.SolutionStr));
    }

    [Fact]
    public async Task A_resumed_run_only_generates_the_examples_not_yet_in_the_log()
    {
        var policy = new RuleBasedPolicy(RuleBasedPolicy.Behaviour.SearchThenAnswer);
        var agent = new TextSearchAgent(policy);
        var options = new EvalOptions { OutputDirectory = _out, BatchSize = 2 };
        var progress = new List<EvalProgress>();

        await Evaluator.RunAsync(agent, Examples[..2], _index.Retriever, options);
        int callsBefore = policy.Calls.Count;
        EvalResult result = await Evaluator.RunAsync(agent, Examples, _index.Retriever, options, new ListProgress(progress));

        Assert.Equal(4, callsBefore);
        Assert.Equal(4 + 4, policy.Calls.Count);
        Assert.Equal(4, result.Records.Count);
        Assert.Equal(Examples.Select(e => e.Id), result.Records.Select(r => r.Id));
        Assert.Equal(4, PredictionLog.Read(Path.Combine(_out, PredictionLog.FileName)).Count);
        Assert.Equal([2, 4], progress.Select(p => p.Done));
        Assert.All(progress, p => Assert.Equal(2, p.Resumed));
    }

    [Fact]
    public async Task The_same_examples_under_another_method_are_evaluated_separately_in_the_same_log()
    {
        var agent = new TextSearchAgent(new RuleBasedPolicy(RuleBasedPolicy.Behaviour.InvalidThenAnswer));
        await Evaluator.RunAsync(agent, Examples, _index.Retriever, new EvalOptions { OutputDirectory = _out, Method = EvalMethod.Direct });
        EvalResult rag = await Evaluator.RunAsync(agent, Examples, _index.Retriever, new EvalOptions { OutputDirectory = _out, Method = EvalMethod.Rag });

        Assert.Equal(8, PredictionLog.Read(Path.Combine(_out, PredictionLog.FileName)).Count);
        Assert.All(rag.Records, r => Assert.Equal("rag", r.Method));
        Assert.All(rag.Records, r => Assert.Contains("Context: Doc 1(Title: ", r.Prompt));
        Assert.All(rag.Records, r => Assert.Single(r.Turns));
    }

    [Fact]
    public async Task Methods_that_search_refuse_to_run_without_a_retriever()
    {
        var agent = new TextSearchAgent(new RuleBasedPolicy(RuleBasedPolicy.Behaviour.SearchThenAnswer));
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Evaluator.RunAsync(agent, Examples, retriever: null, new EvalOptions { Method = EvalMethod.Rag }));
        Assert.Contains("rag", error.Message);
    }

    private sealed class ListProgress(List<EvalProgress> list) : IProgress<EvalProgress>
    {
        public void Report(EvalProgress value) => list.Add(value);
    }
}

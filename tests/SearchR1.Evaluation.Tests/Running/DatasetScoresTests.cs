using SearchR1.Evaluation.Running;

namespace SearchR1.Evaluation.Tests.Running;

public class DatasetScoresTests
{
    [Fact]
    public void Records_are_grouped_per_data_source_in_the_papers_order_with_their_means()
    {
        var records = new[]
        {
            PredictionLogTests.Record("b/1", 1, source: "bamboogle"),
            PredictionLogTests.Record("n/1", 1, source: "nq") with { Searches = ["x", "y"], ResponseTokens = 10 },
            PredictionLogTests.Record("n/2", 0, source: "nq") with { ResponseTokens = 20, Answered = true },
            PredictionLogTests.Record("n/3", 0, source: "nq") with { Searches = ["z"], ResponseTokens = 30 },
        };
        var datasets = DatasetScores.PerDataset(records);
        Assert.Equal(["nq", "bamboogle"], datasets.Select(d => d.DataSource));
        DatasetScores nq = datasets[0];
        Assert.Equal(3, nq.Count);
        Assert.Equal(1.0 / 3, nq.Em, 12);
        Assert.Equal(1.0, nq.SearchesPerQuestion, 12);
        Assert.Equal(20.0, nq.ResponseTokens, 12);
        Assert.Equal(1.0 / 3, nq.AnsweredRatio, 12);
        Assert.Equal((1.0 / 3 + 1.0) / 2, DatasetScores.MacroAverage(datasets).Em, 12);
    }
}

using SearchR1.Evaluation.Reports;
using SearchR1.Evaluation.Running;
using SearchR1.Evaluation.Tests.Running;

namespace SearchR1.Evaluation.Tests.Reports;

public sealed class RunFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("searchr1-runs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Run(string name, params EvalRecord[] records)
    {
        string folder = Path.Combine(_root, name);
        using var log = PredictionLog.Open(folder);
        foreach (EvalRecord record in records)
        {
            log.Append(record);
        }
        return folder;
    }

    [Fact]
    public void A_run_folder_gives_one_row_per_method_in_the_order_they_were_run()
    {
        string folder = Run("base",
            PredictionLogTests.Record("nq/1", 1, "direct"),
            PredictionLogTests.Record("nq/2", 0, "direct"),
            PredictionLogTests.Record("nq/1", 0, "rag"),
            PredictionLogTests.Record("popqa/1", 1, "rag", source: "popqa"));

        ResultTable table = RunFolder.Load(folder);

        Assert.Equal(["direct", "rag"], table.Rows.Select(r => r.Label));
        Assert.Equal(["nq", "popqa", "average"], table.Columns);
        Assert.Equal(0.5, table.Value(table.Rows[0], "nq", ScoreMetric.Em));
        Assert.Null(table.Value(table.Rows[0], "popqa", ScoreMetric.Em));
        Assert.Equal(0.5, table.Value(table.Rows[1], "average", ScoreMetric.Em));
    }

    [Fact]
    public void Rows_of_several_runs_are_labelled_by_their_folder_when_compared()
    {
        string first = Run("base", PredictionLogTests.Record("nq/1", 0, "search-r1"));
        string second = Run("trained", PredictionLogTests.Record("nq/1", 1, "search-r1"));

        var rows = RunFolder.Load(first, "base").Rows.Concat(RunFolder.Load(second, "trained").Rows).ToList();

        Assert.Equal(["base: search-r1", "trained: search-r1"], rows.Select(r => r.Label));
        string markdown = RunFolder.Markdown(new ResultTable(rows), null, "compared");
        Assert.Contains("| trained: search-r1 | 1.000 | 1.000 |", markdown);
    }

    [Fact]
    public void A_folder_without_predictions_is_reported_by_name()
    {
        var error = Assert.Throws<FileNotFoundException>(() => RunFolder.Load(Path.Combine(_root, "missing")));
        Assert.Contains("missing", error.Message);
    }
}

using SearchR1.Evaluation.Reports;
using SearchR1.Evaluation.Running;

namespace SearchR1.Evaluation.Tests.Reports;

public class ResultTableTests
{
    private static DatasetScores Scores(string source, double em, int n = 10) => new(source, n, em, em + 0.1, em + 0.05, 1.5, 42, 1);

    private static ResultTable Table() => new(
    [
        new ResultRow("rag", [Scores("bamboogle", 0.2), Scores("nq", 0.4), Scores("hotpotqa", 0.3)]),
        new ResultRow("search-r1", [Scores("nq", 0.5), Scores("custom", 0.1)]),
    ]);

    [Fact]
    public void Columns_follow_the_papers_dataset_order_then_unknown_sources_then_the_average()
    {
        Assert.Equal(["nq", "hotpotqa", "bamboogle", "custom", "average"], Table().Columns);
    }

    [Fact]
    public void The_average_is_the_unweighted_mean_over_the_rows_own_datasets()
    {
        var table = Table();
        Assert.Equal(0.3, table.Value(table.Rows[0], "average", ScoreMetric.Em)!.Value, 12);
        Assert.Equal(0.3, table.Value(table.Rows[1], "average", ScoreMetric.Em)!.Value, 12);
        Assert.Equal(0.35, table.Value(table.Rows[1], "average", ScoreMetric.F1)!.Value, 12);
        Assert.Null(table.Value(table.Rows[1], "hotpotqa", ScoreMetric.Em));
    }

    [Fact]
    public void Markdown_has_a_header_a_rule_and_one_line_per_method_with_blank_cells_for_missing_datasets()
    {
        string[] lines = Table().ToMarkdown(ScoreMetric.Em).TrimEnd().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal("| method | nq | hotpotqa | bamboogle | custom | average |", lines[0]);
        Assert.Equal("| rag | 0.400 | 0.300 | 0.200 |  | 0.300 |", lines[2]);
        Assert.Equal("| search-r1 | 0.500 |  |  | 0.100 | 0.300 |", lines[3]);
    }

    [Fact]
    public void Csv_has_one_line_per_method_and_measure()
    {
        string[] lines = Table().ToCsv().TrimEnd().Split('\n');
        Assert.Equal("method,metric,nq,hotpotqa,bamboogle,custom,average", lines[0]);
        Assert.Equal(1 + 2 * 7, lines.Length);
        Assert.Equal("rag,em,0.4000,0.3000,0.2000,,0.3000", lines[1]);
        Assert.Contains("search-r1,questions,10,,,10,20", lines);
    }

    [Fact]
    public void The_chart_is_written_as_a_png()
    {
        string folder = Directory.CreateTempSubdirectory("searchr1-chart-").FullName;
        try
        {
            string path = Path.Combine(folder, "chart.png");
            ResultChart.SavePng(Table(), ScoreMetric.Em, path, 600, 300);
            byte[] bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 1000);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            Assert.Equal(["chart.png"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using System.Globalization;
using System.Text;
using SearchR1.Evaluation.Running;

namespace SearchR1.Evaluation.Reports;

/// <summary>One row of the paper-like table: a method (or a run) and its scores per dataset.</summary>
public sealed record ResultRow(string Label, IReadOnlyList<DatasetScores> Datasets)
{
    public DatasetScores Average => DatasetScores.MacroAverage(Datasets);

    public DatasetScores? For(string dataSource) => Datasets.FirstOrDefault(d => d.DataSource == dataSource);
}

/// <summary>
/// The paper's table (Table 2): one row per method, one column per dataset in the paper's order, then the
/// unweighted average. A row without a dataset that others have shows an empty cell there, and its average is
/// over the datasets it has.
/// </summary>
public sealed class ResultTable
{
    public ResultTable(IReadOnlyList<ResultRow> rows)
    {
        Rows = rows;
        DataSources = rows.SelectMany(r => r.Datasets.Select(d => d.DataSource)).Distinct()
            .OrderBy(d => d, DatasetOrder.Comparer).ToList();
    }

    public IReadOnlyList<ResultRow> Rows { get; }

    /// <summary>The dataset columns, without the average.</summary>
    public IReadOnlyList<string> DataSources { get; }

    /// <summary>Dataset columns then "average".</summary>
    public IReadOnlyList<string> Columns => [.. DataSources, DatasetOrder.AverageColumn];

    /// <summary>The cell, or null where the row has no such dataset.</summary>
    public double? Value(ResultRow row, string column, ScoreMetric metric)
    {
        DatasetScores? scores = column == DatasetOrder.AverageColumn ? row.Average : row.For(column);
        return scores is null ? null : ScoreMetrics.Of(metric, scores);
    }

    /// <summary>A markdown table of one metric, three decimals as in the paper, with the question counts below.</summary>
    public string ToMarkdown(ScoreMetric metric)
    {
        var builder = new StringBuilder();
        builder.Append("| method | ").AppendJoin(" | ", Columns).Append(" |\n");
        builder.Append("|---|").AppendJoin("", Columns.Select(_ => "---:|")).Append('\n');
        foreach (ResultRow row in Rows)
        {
            builder.Append("| ").Append(row.Label).Append(" | ")
                .AppendJoin(" | ", Columns.Select(c => Format(Value(row, c, metric))))
                .Append(" |\n");
        }
        return builder.ToString();
    }

    /// <summary>The same table as aligned plain text, for the console.</summary>
    public string ToText(ScoreMetric metric)
    {
        var header = new List<string> { "method" };
        header.AddRange(Columns);
        var lines = new List<List<string>> { header };
        foreach (ResultRow row in Rows)
        {
            var cells = new List<string> { row.Label };
            cells.AddRange(Columns.Select(c => Format(Value(row, c, metric))));
            lines.Add(cells);
        }
        int[] widths = Enumerable.Range(0, header.Count).Select(i => lines.Max(l => l[i].Length)).ToArray();
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.AppendJoin("  ", line.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i])).ToArray())
                .Append('\n');
        }
        return builder.ToString();
    }

    /// <summary>
    /// CSV: <c>method,metric,&lt;datasets…&gt;,average</c>, one line per method and metric (em, f1, subem), then the
    /// behaviour lines (searches per question, response tokens, answered ratio, questions).
    /// </summary>
    public string ToCsv()
    {
        var builder = new StringBuilder();
        builder.Append("method,metric,").AppendJoin(",", Columns).Append('\n');
        var measures = new (string Name, Func<DatasetScores, double> Read, string Format)[]
        {
            ("em", d => d.Em, "F4"),
            ("f1", d => d.F1, "F4"),
            ("subem", d => d.SubEm, "F4"),
            ("searches_per_question", d => d.SearchesPerQuestion, "F3"),
            ("response_tokens", d => d.ResponseTokens, "F1"),
            ("answered_ratio", d => d.AnsweredRatio, "F4"),
            ("questions", d => d.Count, "F0"),
        };
        foreach (ResultRow row in Rows)
        {
            foreach (var (name, read, format) in measures)
            {
                builder.Append(Csv(row.Label)).Append(',').Append(name).Append(',');
                builder.AppendJoin(",", Columns.Select(c =>
                {
                    DatasetScores? d = c == DatasetOrder.AverageColumn ? row.Average : row.For(c);
                    return d is null ? "" : read(d).ToString(format, CultureInfo.InvariantCulture);
                })).Append('\n');
            }
        }
        return builder.ToString();
    }

    private static string Format(double? value) => value is double v ? v.ToString("F3", CultureInfo.InvariantCulture) : "";

    private static string Csv(string cell) =>
        cell.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}

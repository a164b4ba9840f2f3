using System.Text;
using SearchR1.Evaluation.Running;

namespace SearchR1.Evaluation.Reports;

/// <summary>
/// A run's output folder: <c>predictions.jsonl</c> (every example), <c>manifest.json</c>, and the tables
/// <c>results.md</c> / <c>results.csv</c> rebuilt from the predictions after each run.
/// </summary>
public static class RunFolder
{
    public const string MarkdownFile = "results.md";
    public const string CsvFile = "results.csv";
    public const string ChartFile = "results.png";

    /// <summary>The table of a run folder: one row per method found in its predictions.</summary>
    public static ResultTable Load(string folder, string? labelPrefix = null)
    {
        string path = Path.Combine(folder, PredictionLog.FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{folder}: no {PredictionLog.FileName}; is this an evaluation output folder?", path);
        }
        var records = PredictionLog.Read(path);
        return new ResultTable(Rows(records, labelPrefix));
    }

    /// <summary>Rows per method, in the order methods first appear.</summary>
    public static IReadOnlyList<ResultRow> Rows(IEnumerable<EvalRecord> records, string? labelPrefix = null) =>
        records.GroupBy(r => r.Method)
            .Select(g => new ResultRow(labelPrefix is null ? g.Key : $"{labelPrefix}: {g.Key}", DatasetScores.PerDataset(g)))
            .ToList();

    /// <summary>Writes results.md (EM, F1 and sub-EM tables) and results.csv into <paramref name="folder"/>.</summary>
    public static void WriteTables(string folder, ResultTable table, RunManifest? manifest = null, string title = "Evaluation")
    {
        AtomicFile.WriteAllText(Path.Combine(folder, MarkdownFile), Markdown(table, manifest, title));
        AtomicFile.WriteAllText(Path.Combine(folder, CsvFile), table.ToCsv());
    }

    public static string Markdown(ResultTable table, RunManifest? manifest, string title)
    {
        var builder = new StringBuilder();
        builder.Append("# ").Append(title).Append("\n\n");
        if (manifest is not null)
        {
            builder.Append("Model: ").Append(manifest.Model).Append("  \n");
            builder.Append("Retriever: ").Append(manifest.Retriever ?? "none").Append("  \n");
            builder.Append($"Settings: top-{manifest.TopK}, max turns {manifest.MaxTurns}, temperature {manifest.Temperature}, seed {manifest.Seed}\n\n");
        }
        foreach (ScoreMetric metric in ScoreMetrics.All)
        {
            builder.Append("## ").Append(ScoreMetrics.Title(metric)).Append("\n\n").Append(table.ToMarkdown(metric)).Append('\n');
        }
        builder.Append("## Questions, searches and response tokens\n\n");
        builder.Append("| method | dataset | questions | searches / question | response tokens | answered |\n|---|---|---:|---:|---:|---:|\n");
        foreach (ResultRow row in table.Rows)
        {
            foreach (DatasetScores d in row.Datasets)
            {
                builder.Append($"| {row.Label} | {d.DataSource} | {d.Count} | {d.SearchesPerQuestion:F2} | {d.ResponseTokens:F1} | {d.AnsweredRatio:F3} |\n");
            }
        }
        return builder.ToString();
    }
}

namespace SearchR1.Evaluation.Running;

/// <summary>Mean scores and behaviour of one method on one data source.</summary>
public sealed record DatasetScores(
    string DataSource,
    int Count,
    double Em,
    double SubEm,
    double F1,
    double SearchesPerQuestion,
    double ResponseTokens,
    double AnsweredRatio)
{
    /// <summary>Aggregates records of one data source (order does not matter).</summary>
    public static DatasetScores Of(string dataSource, IReadOnlyCollection<EvalRecord> records)
    {
        if (records.Count == 0)
        {
            return new DatasetScores(dataSource, 0, 0, 0, 0, 0, 0, 0);
        }
        return new DatasetScores(
            dataSource,
            records.Count,
            records.Average(r => r.Em),
            records.Average(r => r.SubEm),
            records.Average(r => r.F1),
            records.Average(r => (double)r.Searches.Count),
            records.Average(r => (double)r.ResponseTokens),
            records.Average(r => r.Answered ? 1.0 : 0.0));
    }

    /// <summary>
    /// The paper's "Avg." column: the unweighted mean over data sources (each dataset counts once, whatever its
    /// size).
    /// </summary>
    public static DatasetScores MacroAverage(IReadOnlyList<DatasetScores> datasets)
    {
        if (datasets.Count == 0)
        {
            return new DatasetScores(DatasetOrder.AverageColumn, 0, 0, 0, 0, 0, 0, 0);
        }
        return new DatasetScores(
            DatasetOrder.AverageColumn,
            datasets.Sum(d => d.Count),
            datasets.Average(d => d.Em),
            datasets.Average(d => d.SubEm),
            datasets.Average(d => d.F1),
            datasets.Average(d => d.SearchesPerQuestion),
            datasets.Average(d => d.ResponseTokens),
            datasets.Average(d => d.AnsweredRatio));
    }

    /// <summary>Groups records by data source, in the paper's column order.</summary>
    public static IReadOnlyList<DatasetScores> PerDataset(IEnumerable<EvalRecord> records) =>
        records.GroupBy(r => r.DataSource)
            .OrderBy(g => g.Key, DatasetOrder.Comparer)
            .Select(g => Of(g.Key, g.ToList()))
            .ToList();
}

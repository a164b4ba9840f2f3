namespace SearchR1.Evaluation.Reports;

/// <summary>What a table cell shows.</summary>
public enum ScoreMetric
{
    /// <summary>Exact match (the paper's metric).</summary>
    Em,

    /// <summary>SQuAD token F1.</summary>
    F1,

    /// <summary>Some normalised golden answer is a substring of the normalised prediction.</summary>
    SubEm,
}

/// <summary>Metric names and how to read one from a <see cref="Running.DatasetScores"/>.</summary>
public static class ScoreMetrics
{
    public static IReadOnlyList<ScoreMetric> All { get; } = [ScoreMetric.Em, ScoreMetric.F1, ScoreMetric.SubEm];

    public static string Name(ScoreMetric metric) => metric switch
    {
        ScoreMetric.Em => "em",
        ScoreMetric.F1 => "f1",
        _ => "subem",
    };

    public static string Title(ScoreMetric metric) => metric switch
    {
        ScoreMetric.Em => "Exact match",
        ScoreMetric.F1 => "Token F1",
        _ => "Substring exact match",
    };

    public static double Of(ScoreMetric metric, Running.DatasetScores scores) => metric switch
    {
        ScoreMetric.Em => scores.Em,
        ScoreMetric.F1 => scores.F1,
        _ => scores.SubEm,
    };
}

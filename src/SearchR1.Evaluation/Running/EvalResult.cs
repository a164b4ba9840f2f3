namespace SearchR1.Evaluation.Running;

/// <summary>One method's results: every record (resumed ones included), the per-dataset scores and their average.</summary>
public sealed record EvalResult(string Method, IReadOnlyList<EvalRecord> Records)
{
    public IReadOnlyList<DatasetScores> Datasets { get; } = DatasetScores.PerDataset(Records);

    /// <summary>The paper's "Avg." (unweighted over datasets).</summary>
    public DatasetScores Average => DatasetScores.MacroAverage(Datasets);
}

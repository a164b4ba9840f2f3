namespace SearchR1.Training.Metrics;

/// <summary>A PNG of the learning curves of a run (ScottPlot): training score and EM, validation score, KL and entropy.</summary>
public static class LearningCurves
{
    private static readonly (string Metric, string Phase, string Label)[] Curves =
    [
        ("critic/score/mean", "train", "train reward"),
        ("train/em", "train", "train EM"),
        ("val/test_score/mean", "val", "validation score"),
        ("env/number_of_valid_search", "train", "searches per trajectory"),
    ];

    /// <summary>Draws the curves of <paramref name="metricsFile"/> into <paramref name="pngPath"/> (written atomically).</summary>
    public static void Write(string metricsFile, string pngPath)
    {
        var records = MetricsLog.Read(metricsFile);
        var plot = new ScottPlot.Plot();
        foreach (var (metric, phase, label) in Curves)
        {
            var points = records.Where(r => r.Phase == phase && r.Values.ContainsKey(metric)).ToArray();
            if (points.Length == 0)
            {
                continue;
            }
            var scatter = plot.Add.Scatter(points.Select(p => (double)p.Step).ToArray(), points.Select(p => p.Values[metric]).ToArray());
            scatter.LegendText = label;
        }
        plot.Title("Search-R1 training");
        plot.XLabel("step");
        plot.ShowLegend();
        string temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(pngPath)) ?? ".", $".curves-{Guid.NewGuid():N}.png");
        plot.SavePng(temporary, 1000, 600);
        File.Move(temporary, pngPath, overwrite: true);
    }
}

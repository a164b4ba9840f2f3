using ScottPlot;
using SearchR1.Evaluation.Running;

namespace SearchR1.Evaluation.Reports;

/// <summary>A grouped bar chart of one metric: a group per dataset (and the average), a bar per row of the table.</summary>
public static class ResultChart
{
    /// <summary>Writes the chart as a PNG (atomically: a temporary file, then a move).</summary>
    public static void SavePng(ResultTable table, ScoreMetric metric, string path, int width = 1200, int height = 500)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int series = Math.Max(1, table.Rows.Count);
        var columns = table.Columns;
        var bars = new List<Bar>();
        for (int c = 0; c < columns.Count; c++)
        {
            for (int s = 0; s < table.Rows.Count; s++)
            {
                double? value = table.Value(table.Rows[s], columns[c], metric);
                if (value is double v)
                {
                    bars.Add(new Bar
                    {
                        Position = c * (series + 1) + s,
                        Value = v,
                        FillColor = palette.GetColor(s),
                        Label = v.ToString("F3", System.Globalization.CultureInfo.InvariantCulture),
                    });
                }
            }
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 9;
        var ticks = columns.Select((name, c) => new Tick(c * (series + 1) + (series - 1) / 2.0, name)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0);
        plot.Axes.SetLimitsY(0, Math.Max(0.05, Math.Min(1.0, bars.Count == 0 ? 1.0 : bars.Max(b => b.Value) * 1.15)));
        plot.YLabel(ScoreMetrics.Title(metric));
        plot.Title($"{ScoreMetrics.Title(metric)} per dataset");
        for (int s = 0; s < table.Rows.Count; s++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = table.Rows[s].Label, FillColor = palette.GetColor(s) });
        }
        plot.Legend.IsVisible = table.Rows.Count > 0;
        plot.Legend.Alignment = Alignment.UpperRight;

        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp.png";
        plot.SavePng(temp, width, height);
        File.Move(temp, full, overwrite: true);
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SearchR1.Training.Metrics;

/// <summary>
/// <c>metrics.jsonl</c>: one JSON object per line, <c>{"step": N, "phase": "train"|"val", "&lt;name&gt;": value, …}</c>.
/// A resumed run first drops the lines written after its checkpoint, so the file reads as one uninterrupted run.
/// </summary>
public sealed class MetricsLog : IDisposable
{
    private readonly StreamWriter _writer;

    public MetricsLog(string path, int? resumeAfterStep)
    {
        Path = path;
        if (resumeAfterStep is int step && File.Exists(path))
        {
            var kept = File.ReadLines(path).Where(line => StepOf(line) is int s && s <= step).ToList();
            string temporary = path + ".tmp";
            File.WriteAllLines(temporary, kept);
            File.Move(temporary, path, overwrite: true);
        }
        else if (File.Exists(path))
        {
            File.Delete(path);
        }
        _writer = new StreamWriter(path, append: true, new UTF8Encoding(false)) { AutoFlush = true };
    }

    public string Path { get; }

    /// <summary>Appends one record (flushed at once, so a killed run keeps every finished step).</summary>
    public void Write(int step, string phase, IReadOnlyDictionary<string, double> metrics)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"{{\"step\": {step}, \"phase\": \"{phase}\"");
        foreach (var (name, value) in metrics.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string number = double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "null";
            builder.Append(", ").Append(JsonSerializer.Serialize(name)).Append(": ").Append(number);
        }
        builder.Append('}');
        _writer.WriteLine(builder.ToString());
    }

    /// <summary>Reads a metrics file back: (step, phase, metrics) per line.</summary>
    public static IReadOnlyList<(int Step, string Phase, Dictionary<string, double> Values)> Read(string path)
    {
        var records = new List<(int, string, Dictionary<string, double>)>();
        foreach (string line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            using var document = JsonDocument.Parse(line);
            var values = new Dictionary<string, double>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name is not ("step" or "phase"))
                {
                    values[property.Name] = property.Value.ValueKind == JsonValueKind.Number ? property.Value.GetDouble() : double.NaN;
                }
            }
            records.Add((document.RootElement.GetProperty("step").GetInt32(), document.RootElement.GetProperty("phase").GetString() ?? "", values));
        }
        return records;
    }

    private static int? StepOf(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.GetProperty("step").GetInt32();
        }
        catch (JsonException)
        {
            return null; // a line cut by a crash
        }
    }

    public void Dispose() => _writer.Dispose();
}

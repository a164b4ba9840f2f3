namespace SearchR1.Training.Ppo;

/// <summary>Sums named values and reports their means (metrics averaged over micro- and mini-batches).</summary>
internal sealed class MetricAccumulator
{
    private readonly Dictionary<string, (double Sum, int Count)> _values = [];

    public void Add(string name, double value)
    {
        var (sum, count) = _values.GetValueOrDefault(name);
        _values[name] = (sum + value, count + 1);
    }

    public Dictionary<string, double> Means() => _values.ToDictionary(kv => kv.Key, kv => kv.Value.Sum / kv.Value.Count);
}

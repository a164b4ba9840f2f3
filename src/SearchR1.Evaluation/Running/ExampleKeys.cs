using SearchR1.Core.Data;

namespace SearchR1.Evaluation.Running;

/// <summary>
/// The resumption key of each example: <c>data_source/id</c>, with <c>#n</c> added to the n-th repeat of the same
/// pair (some releases reuse ids), so the key is stable across runs of the same files.
/// </summary>
public static class ExampleKeys
{
    public static IReadOnlyList<string> For(IReadOnlyList<QaExample> examples)
    {
        var seen = new Dictionary<string, int>();
        var keys = new string[examples.Count];
        for (int i = 0; i < examples.Count; i++)
        {
            string key = examples[i].DataSource + "/" + examples[i].Id;
            int n = seen.GetValueOrDefault(key);
            seen[key] = n + 1;
            keys[i] = n == 0 ? key : key + "#" + n;
        }
        return keys;
    }
}

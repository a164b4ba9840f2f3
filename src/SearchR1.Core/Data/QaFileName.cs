namespace SearchR1.Core.Data;

/// <summary>
/// What a QA file's name says where its rows do not: <c>hotpotqa.dev.json</c> → data source "hotpotqa", split
/// "dev"; <c>nq.test-sample1000.jsonl</c> → "nq", "test".
/// </summary>
internal static class QaFileName
{
    // The original's data_source names (SPEC §1.2) for file names that abbreviate them.
    private static readonly Dictionary<string, string> DataSourceAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["2wiki"] = "2wikimultihopqa",
    };

    private static readonly string[] KnownSplits = ["train", "dev", "test", "validation"];

    public static string DataSource(string path)
    {
        string name = Path.GetFileName(path);
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        string stem = dot > 0 ? name[..dot] : name;
        return DataSourceAliases.GetValueOrDefault(stem, stem);
    }

    public static string? Split(string path)
    {
        string[] parts = Path.GetFileName(path).Split('.');
        for (int i = 1; i < parts.Length; i++)
        {
            string candidate = parts[i].Split('-', '_')[0];
            foreach (string split in KnownSplits)
            {
                if (string.Equals(candidate, split, StringComparison.OrdinalIgnoreCase))
                {
                    return split;
                }
            }
        }
        return null;
    }
}

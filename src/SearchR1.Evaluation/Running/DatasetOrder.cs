namespace SearchR1.Evaluation.Running;

/// <summary>The paper's column order (SPEC §1.3); unknown data sources follow, alphabetically.</summary>
public static class DatasetOrder
{
    public const string AverageColumn = "average";

    private static readonly string[] Paper = ["nq", "triviaqa", "popqa", "hotpotqa", "2wikimultihopqa", "musique", "bamboogle"];

    public static IComparer<string> Comparer { get; } = Comparer<string>.Create(Compare);

    private static int Compare(string? a, string? b)
    {
        int ia = Rank(a);
        int ib = Rank(b);
        return ia != ib ? ia.CompareTo(ib) : string.CompareOrdinal(a, b);
    }

    private static int Rank(string? name)
    {
        int i = Array.IndexOf(Paper, name);
        return i >= 0 ? i : Paper.Length;
    }
}

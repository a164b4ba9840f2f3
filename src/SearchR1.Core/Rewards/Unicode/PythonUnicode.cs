namespace SearchR1.Core.Rewards.Unicode;

/// <summary>
/// Python's character properties (those of the interpreter that generated <c>PythonUnicodeTables.g.cs</c>), looked
/// up by code point. .NET's own (<c>char.IsWhiteSpace</c>, <c>ToLowerInvariant</c>, regex <c>\w</c>) differ from
/// Python's in places that change normalised answers, so the reward code never uses them.
/// The tables live in the generated part; no static field here may read them at type initialisation (the order
/// of initialisers across partial files is not defined).
/// </summary>
internal static partial class PythonUnicode
{
    /// <summary>Python <c>str.isspace()</c> for one code point.</summary>
    public static bool IsSpace(int codePoint) => codePoint < 0x80
        ? codePoint is (>= 0x09 and <= 0x0D) or (>= 0x1C and <= 0x20)
        : Array.BinarySearch(WhiteSpace, codePoint) >= 0;

    /// <summary>re's Unicode <c>\w</c>: <c>str.isalnum()</c> or the underscore.</summary>
    public static bool IsWord(int codePoint) => codePoint < 0x80
        ? codePoint is (>= '0' and <= '9') or (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '_'
        : InRanges(WordRanges, codePoint);

    /// <summary>The Case_Ignorable property (Final_Sigma rule).</summary>
    public static bool IsCaseIgnorable(int codePoint) => InRanges(CaseIgnorableRanges, codePoint);

    /// <summary>The Cased property, for code points that are not also case-ignorable (Final_Sigma rule).</summary>
    public static bool IsCased(int codePoint) => InRanges(CasedRanges, codePoint);

    /// <summary>
    /// Appends the full lowercase mapping of one code point (Python <c>chr(cp).lower()</c>, one or more code
    /// points). Capital sigma is context dependent and is the caller's business.
    /// </summary>
    public static void AppendLower(int codePoint, List<int> output)
    {
        if (codePoint < 0x80)
        {
            output.Add(codePoint is >= 'A' and <= 'Z' ? codePoint + 32 : codePoint);
            return;
        }
        foreach ((int multiCodePoint, int[] lower) in MultiLower)
        {
            if (multiCodePoint == codePoint)
            {
                output.AddRange(lower);
                return;
            }
        }
        output.Add(LowerSingle(codePoint));
    }

    private static int LowerSingle(int codePoint)
    {
        // Runs are sorted by their first code point: find the last run starting at or before codePoint.
        int low = 0;
        int high = LowerRuns.Length / 4 - 1;
        int found = -1;
        while (low <= high)
        {
            int mid = (low + high) >>> 1;
            if (LowerRuns[mid * 4] <= codePoint)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        if (found < 0)
        {
            return codePoint;
        }
        int first = LowerRuns[found * 4];
        int last = LowerRuns[found * 4 + 1];
        int delta = LowerRuns[found * 4 + 2];
        int stride = LowerRuns[found * 4 + 3];
        return codePoint <= last && (codePoint - first) % stride == 0 ? codePoint + delta : codePoint;
    }

    private static bool InRanges(int[] ranges, int codePoint)
    {
        int low = 0;
        int high = ranges.Length / 2 - 1;
        while (low <= high)
        {
            int mid = (low + high) >>> 1;
            if (codePoint < ranges[mid * 2])
            {
                high = mid - 1;
            }
            else if (codePoint > ranges[mid * 2 + 1])
            {
                low = mid + 1;
            }
            else
            {
                return true;
            }
        }
        return false;
    }
}

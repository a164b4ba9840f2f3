using System.Text;

namespace SearchR1.Core.Rewards.Unicode;

/// <summary>
/// Python <c>str</c> operations with Python's exact semantics, where .NET's namesakes differ: <c>strip()</c>,
/// <c>split()</c> and <c>lower()</c> (full lowercasing with the Final_Sigma rule). Python strings are sequences
/// of code points, so these work on code points; a lone surrogate counts as one code point, as in Python.
/// </summary>
public static class PythonText
{
    /// <summary>The Unicode version of the character tables (that of the Python they were generated from).</summary>
    public static string UnicodeVersion => PythonUnicode.UnicodeVersion;

    /// <summary>Python <c>str.isspace()</c> for a single code point.</summary>
    public static bool IsWhiteSpace(int codePoint) => PythonUnicode.IsSpace(codePoint);

    /// <summary>Python <c>s.strip()</c> (no argument): Python's whitespace set, which includes U+001C..U+001F.</summary>
    public static string Strip(string text)
    {
        // Every Python whitespace code point is in the BMP, so trimming char by char is exact.
        int start = 0;
        int end = text.Length;
        while (start < end && PythonUnicode.IsSpace(text[start]))
        {
            start++;
        }
        while (end > start && PythonUnicode.IsSpace(text[end - 1]))
        {
            end--;
        }
        return start == 0 && end == text.Length ? text : text[start..end];
    }

    /// <summary>True when <c>s.strip()</c> would be empty.</summary>
    public static bool IsBlank(string text)
    {
        foreach (char c in text)
        {
            if (!PythonUnicode.IsSpace(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Python <c>s.split()</c> (no argument): runs of Python whitespace separate, no empty pieces.</summary>
    public static List<string> Split(string text)
    {
        var pieces = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && PythonUnicode.IsSpace(text[i]))
            {
                i++;
            }
            int start = i;
            while (i < text.Length && !PythonUnicode.IsSpace(text[i]))
            {
                i++;
            }
            if (i > start)
            {
                pieces.Add(text[start..i]);
            }
        }
        return pieces;
    }

    /// <summary>Python <c>str.lower()</c>.</summary>
    public static string Lower(string text) => FromCodePoints(Lower(ToCodePoints(text)));

    /// <summary>Python <c>needle in haystack</c>: a substring match that never splits a surrogate pair.</summary>
    public static bool Contains(string haystack, string needle)
    {
        int from = 0;
        while (true)
        {
            int at = haystack.IndexOf(needle, from, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }
            int end = at + needle.Length;
            bool splitsPairAtStart = at > 0 && char.IsHighSurrogate(haystack[at - 1]) && char.IsLowSurrogate(haystack[at]);
            bool splitsPairAtEnd = end > 0 && end < haystack.Length
                && char.IsHighSurrogate(haystack[end - 1]) && char.IsLowSurrogate(haystack[end]);
            if (!splitsPairAtStart && !splitsPairAtEnd)
            {
                return true;
            }
            if (at == haystack.Length)
            {
                return false;
            }
            from = at + 1;
        }
    }

    /// <summary>Python <c>list(s)</c>: each code point as a string (a surrogate pair stays whole).</summary>
    public static IEnumerable<string> CodePointStrings(string text)
    {
        foreach (int codePoint in ToCodePoints(text))
        {
            yield return codePoint >= 0x10000 ? char.ConvertFromUtf32(codePoint) : ((char)codePoint).ToString();
        }
    }

    /// <summary>Python <c>str.lower()</c> over code points.</summary>
    internal static List<int> Lower(List<int> codePoints)
    {
        var lowered = new List<int>(codePoints.Count);
        for (int i = 0; i < codePoints.Count; i++)
        {
            int c = codePoints[i];
            if (c == 0x3A3)
            {
                lowered.Add(IsFinalSigma(codePoints, i) ? 0x3C2 : 0x3C3);
            }
            else
            {
                PythonUnicode.AppendLower(c, lowered);
            }
        }
        return lowered;
    }

    /// <summary>
    /// The Final_Sigma context as CPython tests it: a cased letter before (skipping case-ignorables) and no
    /// cased letter after (skipping case-ignorables).
    /// </summary>
    private static bool IsFinalSigma(List<int> codePoints, int index)
    {
        int j = index - 1;
        while (j >= 0 && PythonUnicode.IsCaseIgnorable(codePoints[j]))
        {
            j--;
        }
        if (j < 0 || !PythonUnicode.IsCased(codePoints[j]))
        {
            return false;
        }
        j = index + 1;
        while (j < codePoints.Count && PythonUnicode.IsCaseIgnorable(codePoints[j]))
        {
            j++;
        }
        return j == codePoints.Count || !PythonUnicode.IsCased(codePoints[j]);
    }

    internal static List<int> ToCodePoints(string text)
    {
        var codePoints = new List<int>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoints.Add(char.ConvertToUtf32(c, text[i + 1]));
                i++;
            }
            else
            {
                codePoints.Add(c);
            }
        }
        return codePoints;
    }

    internal static string FromCodePoints(List<int> codePoints)
    {
        var builder = new StringBuilder(codePoints.Count);
        foreach (int c in codePoints)
        {
            if (c >= 0x10000)
            {
                builder.Append(char.ConvertFromUtf32(c));
            }
            else
            {
                builder.Append((char)c);
            }
        }
        return builder.ToString();
    }
}

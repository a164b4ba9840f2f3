using System.Globalization;
using System.Text;

namespace SearchR1.Retrieval.Dense;

/// <summary>
/// Removes accents as Hugging Face's BertNormalizer does (NFD, then drop non-spacing marks) without relying on
/// <c>string.Normalize</c>, which does nothing to non-ASCII text under invariant globalization (our runtime setting).
/// </summary>
internal static class AccentStripper
{
    private const int HangulBase = 0xAC00, HangulCount = 11172, LeadBase = 0x1100, VowelBase = 0x1161, TrailBase = 0x11A7;
    private const int VowelCount = 21, TrailCount = 28;

    private static readonly Lazy<Dictionary<int, string>> Table = new(ParseTable);

    public static void Append(Rune rune, StringBuilder target)
    {
        int c = rune.Value;
        if (c < 0x80)
        {
            target.Append((char)c);
            return;
        }
        int syllable = c - HangulBase;
        if (syllable is >= 0 and < HangulCount)
        {
            target.Append((char)(LeadBase + syllable / (VowelCount * TrailCount)));
            target.Append((char)(VowelBase + syllable % (VowelCount * TrailCount) / TrailCount));
            if (syllable % TrailCount != 0)
            {
                target.Append((char)(TrailBase + syllable % TrailCount));
            }
            return;
        }
        if (Table.Value.TryGetValue(c, out string? replacement))
        {
            target.Append(replacement);
            return;
        }
        if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
        {
            target.Append(rune.ToString());
        }
    }

    private static Dictionary<int, string> ParseTable()
    {
        var table = new Dictionary<int, string>(2100);
        foreach (string entry in AccentStrippingTable.Data.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = entry.IndexOf(':');
            int codePoint = int.Parse(entry.AsSpan(0, colon), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var replacement = new StringBuilder();
            foreach (string part in entry[(colon + 1)..].Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                replacement.Append(char.ConvertFromUtf32(int.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }
            table[codePoint] = replacement.ToString();
        }
        return table;
    }
}

using System.Globalization;
using System.Text;

namespace SearchR1.Modeling.Tokenization;

/// <summary>
/// Unicode Normalization Form C, written out (decompose, order combining marks, recompose).
/// </summary>
/// <remarks>
/// Why not <see cref="string.Normalize()"/>: the repository runs with InvariantGlobalization, where .NET's
/// normalisation does not change non-ASCII text, so "Fu\u0308hrer" would stay decomposed and tokenise
/// differently from transformers. The data come from <see cref="UnicodeNormalizationData"/>.
/// </remarks>
public static class UnicodeNfc
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly Dictionary<int, byte> CombiningClass = ReadCombiningClasses();
    private static readonly (Dictionary<int, int[]> Decomposition, Dictionary<long, int> Composition) Tables = ReadDecompositions();

    // BMP characters that NFC may change or merge: combining marks, characters with a canonical decomposition,
    // second halves of compositions (Hangul vowels and trailing consonants included) and surrogates. Text
    // without any of them is already NFC (the usual case, even for non-Latin scripts).
    private static readonly bool[] MayChange = BuildMayChange();

    /// <summary>The NFC form of <paramref name="text"/> (the same instance when nothing changes).</summary>
    public static string Normalize(string text)
    {
        // Below U+0300 every code point is its own NFC form and a starter: the common case costs one scan.
        if (text.AsSpan().IndexOfAnyInRange('\u0300', '\uFFFF') < 0)
        {
            return text;
        }
        bool stable = true;
        foreach (char c in text)
        {
            if (MayChange[c])
            {
                stable = false;
                break;
            }
        }
        if (stable)
        {
            return text;
        }

        var codePoints = new List<int>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            int cp = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                cp = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }
            Decompose(cp, codePoints);
        }
        SortCombiningMarks(codePoints);
        Compose(codePoints);

        var sb = new StringBuilder(text.Length);
        foreach (int cp in codePoints)
        {
            if (cp >= 0x10000 && cp <= 0x10FFFF)
            {
                sb.Append(char.ConvertFromUtf32(cp));
            }
            else
            {
                sb.Append((char)cp);
            }
        }
        string result = sb.ToString();
        return result == text ? text : result;
    }

    private static bool[] BuildMayChange()
    {
        var table = new bool[0x10000];
        foreach (int cp in CombiningClass.Keys)
        {
            if (cp < 0x10000)
            {
                table[cp] = true;
            }
        }
        // A primary composite (é) is its own NFC form; only decompositions that never recompose change.
        foreach ((int cp, int[] parts) in Tables.Decomposition)
        {
            bool recomposes = parts.Length == 2
                && Tables.Composition.TryGetValue(((long)parts[0] << 21) | (uint)parts[1], out int composite) && composite == cp;
            if (cp < 0x10000 && !recomposes)
            {
                table[cp] = true;
            }
        }
        foreach (long pair in Tables.Composition.Keys)
        {
            int second = (int)(pair & 0x1FFFFF);
            if (second < 0x10000)
            {
                table[second] = true;
            }
        }
        for (int cp = VBase; cp < VBase + VCount; cp++)
        {
            table[cp] = true;
        }
        for (int cp = TBase + 1; cp < TBase + TCount; cp++)
        {
            table[cp] = true;
        }
        for (int cp = 0xD800; cp <= 0xDFFF; cp++)
        {
            table[cp] = true;
        }
        return table;
    }

    private static int Ccc(int cp) => CombiningClass.TryGetValue(cp, out byte c) ? c : 0;

    private static void Decompose(int cp, List<int> output)
    {
        if (cp >= SBase && cp < SBase + SCount)
        {
            int s = cp - SBase;
            output.Add(LBase + s / NCount);
            output.Add(VBase + s % NCount / TCount);
            if (s % TCount != 0)
            {
                output.Add(TBase + s % TCount);
            }
            return;
        }
        if (Tables.Decomposition.TryGetValue(cp, out int[]? parts))
        {
            foreach (int part in parts)
            {
                Decompose(part, output);
            }
            return;
        }
        output.Add(cp);
    }

    // Canonical ordering: a stable sort of each run of non-starters by combining class.
    private static void SortCombiningMarks(List<int> cps)
    {
        for (int i = 1; i < cps.Count; i++)
        {
            int c = Ccc(cps[i]);
            if (c == 0)
            {
                continue;
            }
            int j = i;
            while (j > 0 && Ccc(cps[j - 1]) > c)
            {
                (cps[j - 1], cps[j]) = (cps[j], cps[j - 1]);
                j--;
            }
        }
    }

    private static void Compose(List<int> cps)
    {
        if (cps.Count == 0)
        {
            return;
        }
        int starter = Ccc(cps[0]) == 0 ? 0 : -1;
        int lastClass = starter == 0 ? 0 : 256;
        int write = 1;
        for (int read = 1; read < cps.Count; read++)
        {
            int cp = cps[read];
            int cc = Ccc(cp);
            bool blocked = starter < 0 || (lastClass != 0 && lastClass >= cc) || (lastClass == 0 && write - 1 != starter);
            if (!blocked && TryCompose(cps[starter], cp, out int composite))
            {
                cps[starter] = composite;
                continue;
            }
            if (cc == 0)
            {
                starter = write;
            }
            lastClass = cc;
            cps[write++] = cp;
        }
        cps.RemoveRange(write, cps.Count - write);
    }

    private static bool TryCompose(int first, int second, out int composite)
    {
        if (first >= LBase && first < LBase + LCount && second >= VBase && second < VBase + VCount)
        {
            composite = SBase + ((first - LBase) * VCount + (second - VBase)) * TCount;
            return true;
        }
        if (first >= SBase && first < SBase + SCount && (first - SBase) % TCount == 0 && second > TBase && second < TBase + TCount)
        {
            composite = first + (second - TBase);
            return true;
        }
        return Tables.Composition.TryGetValue(((long)first << 21) | (uint)second, out composite);
    }

    private static Dictionary<int, byte> ReadCombiningClasses()
    {
        var table = new Dictionary<int, byte>();
        foreach (string entry in UnicodeNormalizationData.CombiningClasses.Split(';'))
        {
            int colon = entry.IndexOf(':');
            string range = entry[..colon];
            byte value = byte.Parse(entry.AsSpan(colon + 1), CultureInfo.InvariantCulture);
            int dash = range.IndexOf('-');
            int start = int.Parse(dash < 0 ? range : range[..dash], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            int end = dash < 0 ? start : int.Parse(range[(dash + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            for (int cp = start; cp <= end; cp++)
            {
                table[cp] = value;
            }
        }
        return table;
    }

    private static (Dictionary<int, int[]>, Dictionary<long, int>) ReadDecompositions()
    {
        var decomposition = new Dictionary<int, int[]>();
        var composition = new Dictionary<long, int>();
        foreach (string entry in UnicodeNormalizationData.Decompositions.Split(';'))
        {
            int separator = entry.IndexOfAny(['=', '>']);
            int cp = int.Parse(entry.AsSpan(0, separator), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            int[] parts = entry[(separator + 1)..].Split(' ').Select(p => int.Parse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
            decomposition[cp] = parts;
            if (entry[separator] == '=')
            {
                composition[((long)parts[0] << 21) | (uint)parts[1]] = cp;
            }
        }
        return (decomposition, composition);
    }
}

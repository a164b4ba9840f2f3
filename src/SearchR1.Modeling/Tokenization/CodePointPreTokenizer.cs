using System.Globalization;
using Microsoft.ML.Tokenizers;

namespace SearchR1.Modeling.Tokenization;

/// <summary>
/// The Qwen2 / Llama 3 pre-tokenizer, written by hand:
/// <c>(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+</c>
/// with N = 1 (Qwen2) or 3 (Llama 3).
/// </summary>
/// <remarks>
/// Why not <see cref="RegexPreTokenizer"/> with that pattern: .NET's regex engine matches UTF-16 code units, so
/// <c>\p{L}</c> never matches a letter outside the BMP and a surrogate pair counts as two "other" characters,
/// while Hugging Face (Oniguruma) matches code points. "🙂abc" is one piece for transformers and two for the
/// .NET regex, which changes the ids. This walks code points with the same alternatives, in the same order
/// (the shape follows llama.cpp's <c>unicode_regex_split_custom_llama3</c>).
/// </remarks>
public sealed class CodePointPreTokenizer : PreTokenizer
{
    /// <summary>The pattern as Qwen2's tokenizer.json spells it (digits one at a time).</summary>
    public const string QwenPattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>The pattern as Llama 3's tokenizer.json spells it (digits in groups of up to three).</summary>
    public const string Llama3Pattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    private const int OutOfRange = -1;
    private readonly int _maxDigits;

    public CodePointPreTokenizer(int maxDigits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDigits, 1);
        _maxDigits = maxDigits;
    }

    /// <summary>The hand-written form of <paramref name="pattern"/>, or null when it is neither known pattern.</summary>
    public static CodePointPreTokenizer? ForPattern(string pattern) => pattern switch
    {
        QwenPattern => new CodePointPreTokenizer(1),
        Llama3Pattern => new CodePointPreTokenizer(3),
        _ => null,
    };

    /// <summary>The pattern this instance implements.</summary>
    public string Pattern => _maxDigits == 1 ? QwenPattern : _maxDigits == 3 ? Llama3Pattern :
        QwenPattern.Replace(@"\p{N}|", $@"\p{{N}}{{1,{_maxDigits}}}|", StringComparison.Ordinal);

    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text) => Split(text.AsSpan());

    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) => Split(text);

    /// <summary>The pieces of <paramref name="text"/> as (offset, length) in UTF-16 code units.</summary>
    public List<(int Offset, int Length)> Split(ReadOnlySpan<char> text)
    {
        // Work on code points, each with its class computed once; keep each one's UTF-16 offset so that pieces
        // are reported in the caller's units.
        int[] codePoints = System.Buffers.ArrayPool<int>.Shared.Rent(text.Length + 1);
        int[] offsets = System.Buffers.ArrayPool<int>.Shared.Rent(text.Length + 1);
        CharClass[] classes = System.Buffers.ArrayPool<CharClass>.Shared.Rent(text.Length + 1);
        try
        {
            int n = 0;
            for (int i = 0; i < text.Length;)
            {
                offsets[n] = i;
                int cp = text[i];
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    cp = char.ConvertToUtf32(text[i], text[i + 1]);
                    i += 2;
                }
                else
                {
                    i++;
                }
                codePoints[n] = cp;
                classes[n] = Classify(cp);
                n++;
            }
            offsets[n] = text.Length;
            var pieces = new List<(int Offset, int Length)>(text.Length / 4 + 1);
            Walk(codePoints, classes, offsets, n, pieces);
            return pieces;
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(codePoints);
            System.Buffers.ArrayPool<int>.Shared.Return(offsets);
            System.Buffers.ArrayPool<CharClass>.Shared.Return(classes);
        }
    }

    private void Walk(int[] codePoints, CharClass[] classes, int[] offsets, int n, List<(int Offset, int Length)> pieces)
    {
        int start = 0;
        int pos = 0;
        while (pos < n)
        {
            int cpt = codePoints[pos];
            CharClass cls = classes[pos];

            // (?i:'s|'t|'re|'ve|'m|'ll|'d)
            if (cpt == '\'' && pos + 1 < n)
            {
                int next = FoldCase(codePoints[pos + 1]);
                if (next is 's' or 't' or 'm' or 'd')
                {
                    pos += 2;
                    Emit(offsets, ref start, pos, pieces);
                    continue;
                }
                int nextNext = pos + 2 < n ? FoldCase(codePoints[pos + 2]) : OutOfRange;
                if ((next == 'r' && nextNext == 'e') || (next == 'v' && nextNext == 'e') || (next == 'l' && nextNext == 'l'))
                {
                    pos += 3;
                    Emit(offsets, ref start, pos, pieces);
                    continue;
                }
            }

            // [^\r\n\p{L}\p{N}]?\p{L}+
            if (cpt != '\r' && cpt != '\n' && cls != CharClass.Number)
            {
                if (cls == CharClass.Letter || (pos + 1 < n && classes[pos + 1] == CharClass.Letter))
                {
                    pos++;
                    while (pos < n && classes[pos] == CharClass.Letter)
                    {
                        pos++;
                    }
                    Emit(offsets, ref start, pos, pieces);
                    continue;
                }
            }

            // \p{N}{1,maxDigits}
            if (cls == CharClass.Number)
            {
                int run = 0;
                while (pos < n && classes[pos] == CharClass.Number)
                {
                    pos++;
                    if (++run == _maxDigits)
                    {
                        Emit(offsets, ref start, pos, pieces);
                        run = 0;
                    }
                }
                Emit(offsets, ref start, pos, pieces);
                continue;
            }

            // ' '?[^\s\p{L}\p{N}]+[\r\n]*
            int first = cpt == ' ' ? pos + 1 : pos;
            if (first < n && classes[first] == CharClass.Other)
            {
                pos = first;
                while (pos < n && classes[pos] == CharClass.Other)
                {
                    pos++;
                }
                while (pos < n && (codePoints[pos] == '\r' || codePoints[pos] == '\n'))
                {
                    pos++;
                }
                Emit(offsets, ref start, pos, pieces);
                continue;
            }

            int spaces = 0;
            int afterLastNewline = -1;
            while (pos + spaces < n && classes[pos + spaces] == CharClass.Space)
            {
                int c = codePoints[pos + spaces];
                if (c == '\r' || c == '\n')
                {
                    afterLastNewline = pos + spaces + 1;
                }
                spaces++;
            }

            // \s*[\r\n]+
            if (afterLastNewline > 0)
            {
                pos = afterLastNewline;
                Emit(offsets, ref start, pos, pieces);
                continue;
            }

            // \s+(?!\S): all but the last space when something follows
            if (spaces > 1 && pos + spaces < n)
            {
                pos += spaces - 1;
                Emit(offsets, ref start, pos, pieces);
                continue;
            }

            // \s+
            if (spaces > 0)
            {
                pos += spaces;
                Emit(offsets, ref start, pos, pieces);
                continue;
            }

            // Unreachable for well-formed input (every code point is a letter, number, space or other); keep the
            // walk total anyway.
            pos++;
            Emit(offsets, ref start, pos, pieces);
        }
    }

    private static void Emit(int[] offsets, ref int start, int end, List<(int Offset, int Length)> pieces)
    {
        if (end > start)
        {
            pieces.Add((offsets[start], offsets[end] - offsets[start]));
        }
        start = end;
    }

    private enum CharClass : byte
    {
        Letter,
        Number,
        Space,
        Other,
    }

    private static CharClass Classify(int codePoint)
    {
        if (codePoint < 0x80)
        {
            // ASCII fast path.
            if ((codePoint | 0x20) >= 'a' && (codePoint | 0x20) <= 'z')
            {
                return CharClass.Letter;
            }
            if (codePoint >= '0' && codePoint <= '9')
            {
                return CharClass.Number;
            }
            if (codePoint == ' ' || (codePoint >= '\t' && codePoint <= '\r'))
            {
                return CharClass.Space;
            }
            return CharClass.Other;
        }
        if (codePoint <= 0xFFFF && char.IsWhiteSpace((char)codePoint))
        {
            return CharClass.Space;
        }
        return CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => CharClass.Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => CharClass.Number,
            _ => CharClass.Other,
        };
    }

    // Case-insensitive matching of the contractions, as Unicode simple case folding does it: 'S', 'ſ' (U+017F)
    // fold to 's'; 'K' (Kelvin) is irrelevant here.
    private static int FoldCase(int codePoint) => codePoint switch
    {
        >= 'A' and <= 'Z' => codePoint | 0x20,
        0x017F => 's',
        _ => codePoint,
    };
}

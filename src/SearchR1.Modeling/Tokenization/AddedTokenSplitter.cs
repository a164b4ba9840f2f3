using System.Buffers;

namespace SearchR1.Modeling.Tokenization;

/// <summary>
/// Finds added tokens in text the way Hugging Face's <c>AddedVocabulary</c> does: leftmost match first, the
/// longest one at that position, honouring lstrip / rstrip / single_word.
/// </summary>
/// <remarks>
/// Written by hand because Microsoft.ML.Tokenizers' special-token split runs after its normaliser and knows
/// none of the per-token flags; transformers matches non-normalised added tokens in the raw text.
/// </remarks>
internal sealed class AddedTokenSplitter
{
    private readonly Dictionary<char, AddedToken[]> _byFirstChar;
    private readonly SearchValues<char> _firstChars;

    public AddedTokenSplitter(IEnumerable<AddedToken> tokens)
    {
        _byFirstChar = tokens
            .Where(t => t.Content.Length > 0)
            .GroupBy(t => t.Content[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Content.Length).ToArray());
        _firstChars = SearchValues.Create(_byFirstChar.Keys.ToArray());
    }

    public bool IsEmpty => _byFirstChar.Count == 0;

    /// <summary>
    /// Splits <paramref name="text"/> into runs of ordinary text (Token null) and matched added tokens, in order.
    /// Runs of ordinary text are never empty.
    /// </summary>
    public List<(int Start, int Length, AddedToken? Token)> Split(string text)
    {
        var parts = new List<(int Start, int Length, AddedToken? Token)>();
        int plainStart = 0;
        int i = 0;
        while (i < text.Length)
        {
            int found = _byFirstChar.Count == 0 ? -1 : text.AsSpan(i).IndexOfAny(_firstChars);
            if (found < 0)
            {
                break;
            }
            i += found;
            AddedToken? match = MatchAt(text, i);
            if (match is null)
            {
                i++;
                continue;
            }
            int start = i;
            int end = i + match.Content.Length;
            if (match.LStrip)
            {
                while (start > plainStart && char.IsWhiteSpace(text[start - 1]))
                {
                    start--;
                }
            }
            if (match.RStrip)
            {
                while (end < text.Length && char.IsWhiteSpace(text[end]))
                {
                    end++;
                }
            }
            if (start > plainStart)
            {
                parts.Add((plainStart, start - plainStart, null));
            }
            parts.Add((start, end - start, match));
            plainStart = end;
            i = end;
        }
        if (plainStart < text.Length)
        {
            parts.Add((plainStart, text.Length - plainStart, null));
        }
        return parts;
    }

    private AddedToken? MatchAt(string text, int position)
    {
        if (!_byFirstChar.TryGetValue(text[position], out AddedToken[]? candidates))
        {
            return null;
        }
        foreach (AddedToken candidate in candidates)
        {
            string content = candidate.Content;
            if (position + content.Length <= text.Length
                && string.CompareOrdinal(text, position, content, 0, content.Length) == 0
                && (!candidate.SingleWord || IsWholeWord(text, position, position + content.Length)))
            {
                return candidate;
            }
        }
        return null;
    }

    private static bool IsWholeWord(string text, int start, int end)
    {
        static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
        return (start == 0 || !IsWordChar(text[start - 1])) && (end == text.Length || !IsWordChar(text[end]));
    }
}

using SearchR1.Core.Rewards.Unicode;

namespace SearchR1.Core.Rewards;

/// <summary>
/// Search-R1's (SQuAD's) <c>normalize_answer</c>, to the letter:
/// <c>white_space_fix(remove_articles(remove_punc(lower(s))))</c> with Python's <c>str.lower()</c>, ASCII
/// <c>string.punctuation</c>, <c>re.sub(r"\b(a|an|the)\b", " ", …)</c> under Python's Unicode word
/// boundaries, and <c>" ".join(text.split())</c> with Python's whitespace set.
/// </summary>
public static class AnswerNormalizer
{
    /// <summary>Python's <c>string.punctuation</c>.</summary>
    public const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    public static string Normalize(string text)
    {
        List<int> lowered = PythonText.Lower(PythonText.ToCodePoints(text));
        lowered.RemoveAll(IsAsciiPunctuation);
        List<int> withoutArticles = RemoveArticles(lowered);
        return string.Join(' ', PythonText.Split(PythonText.FromCodePoints(withoutArticles)));
    }

    private static bool IsAsciiPunctuation(int codePoint) =>
        codePoint < 0x80 && AsciiPunctuation.Contains((char)codePoint, StringComparison.Ordinal);

    /// <summary>
    /// <c>re.sub(r"\b(a|an|the)\b", " ", text)</c>: scan left to right; at a word boundary try "a", "an", "the"
    /// in that order, each needing a boundary after it; replace a match by one space and resume after it.
    /// </summary>
    private static List<int> RemoveArticles(List<int> text)
    {
        var output = new List<int>(text.Count);
        int position = 0;
        while (position < text.Count)
        {
            int length = ArticleAt(text, position);
            if (length > 0)
            {
                output.Add(' ');
                position += length;
            }
            else
            {
                output.Add(text[position]);
                position++;
            }
        }
        return output;
    }

    private static readonly int[][] Articles = [['a'], ['a', 'n'], ['t', 'h', 'e']];

    private static int ArticleAt(List<int> text, int position)
    {
        if (!IsBoundary(text, position))
        {
            return 0;
        }
        foreach (int[] article in Articles)
        {
            if (StartsWith(text, position, article) && IsBoundary(text, position + article.Length))
            {
                return article.Length;
            }
        }
        return 0;
    }

    private static bool StartsWith(List<int> text, int position, int[] word)
    {
        if (position + word.Length > text.Count)
        {
            return false;
        }
        for (int i = 0; i < word.Length; i++)
        {
            if (text[position + i] != word[i])
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsBoundary(List<int> text, int position)
    {
        bool before = position > 0 && PythonUnicode.IsWord(text[position - 1]);
        bool after = position < text.Count && PythonUnicode.IsWord(text[position]);
        return before != after;
    }
}

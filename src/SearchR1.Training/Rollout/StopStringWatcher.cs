using SearchR1.Core.Protocol;
using SearchR1.Modeling.Tokenization;

namespace SearchR1.Training.Rollout;

/// <summary>
/// Follows the text of each row's current turn token by token and says when it has closed an action
/// (<c>&lt;/search&gt;</c> or <c>&lt;/answer&gt;</c>). Tokens are decoded one at a time; the stop strings are ASCII,
/// so a multi-byte character split across tokens cannot hide or fake one.
/// </summary>
internal sealed class StopStringWatcher(HfTokenizer tokenizer, int rows)
{
    private readonly System.Text.StringBuilder[] _text = Enumerable.Range(0, rows).Select(_ => new System.Text.StringBuilder()).ToArray();
    private readonly int[] _seen = new int[rows];
    private static readonly int LongestStop = ProtocolText.StopStrings.Max(s => s.Length);

    /// <summary>Forgets a row's text (a new turn begins).</summary>
    public void Reset(int row)
    {
        _text[row].Clear();
        _seen[row] = 0;
    }

    /// <summary>Reads the turn's tokens not seen yet; true when the turn's text now holds a stop string.</summary>
    public bool Add(int row, IReadOnlyList<int> turnTokens)
    {
        var text = _text[row];
        int before = text.Length;
        for (; _seen[row] < turnTokens.Count; _seen[row]++)
        {
            text.Append(tokenizer.Decode([turnTokens[_seen[row]]], skipSpecialTokens: true));
        }
        int from = Math.Max(0, before - LongestStop);
        string window = text.ToString(from, text.Length - from);
        return ProtocolText.StopStrings.Any(stop => window.Contains(stop, StringComparison.Ordinal));
    }

    /// <summary>
    /// The original's cut (generate on, then keep the text up to the first <c>&lt;/search&gt;</c>, else the first
    /// <c>&lt;/answer&gt;</c>) applied to sampled ids: the shortest prefix of tokens whose text reaches the cut.
    /// </summary>
    public static int CutLength(HfTokenizer tokenizer, IReadOnlyList<int> tokens)
    {
        var pieces = tokens.Select(t => tokenizer.Decode([t], skipSpecialTokens: true)).ToArray();
        string text = string.Concat(pieces);
        int keep = ResponseCutter.Cut(text).Length;
        if (keep == text.Length)
        {
            return tokens.Count;
        }
        int length = 0;
        for (int i = 0; i < pieces.Length; i++)
        {
            length += pieces[i].Length;
            if (length >= keep)
            {
                return i + 1;
            }
        }
        return tokens.Count;
    }
}

namespace SearchR1.Modeling.Generation;

/// <summary>
/// A caller-supplied test run after every sampled token of a row: true stops that row. It sees only token
/// ids, so Modeling needs no tokenizer or protocol; <see cref="StopStrings"/> decodes a short tail.
/// </summary>
public interface IStopCondition
{
    /// <param name="row">The session row.</param>
    /// <param name="newTokens">Every token this row generated in the current call, the latest last.</param>
    bool ShouldStop(int row, IReadOnlyList<int> newTokens);
}

/// <summary>
/// Stops a row when the text of its newest tokens contains one of the stop strings (Search-R1's
/// <c>&lt;/search&gt;</c>, <c>&lt;/answer&gt;</c>). Only a tail long enough to hold the longest stop string is
/// decoded each step, so the cost does not grow with the response.
/// </summary>
public sealed class StopStrings : IStopCondition
{
    private readonly Func<IReadOnlyList<int>, string> _decode;
    private readonly string[] _stops;
    private readonly int _tail;

    /// <param name="decode">Token ids to text (e.g. the tokenizer's Decode with special tokens skipped).</param>
    /// <param name="stops">The stop strings.</param>
    public StopStrings(Func<IReadOnlyList<int>, string> decode, IEnumerable<string> stops)
    {
        _decode = decode;
        _stops = stops.Where(s => s.Length > 0).ToArray();
        // A token holds at least one byte of text, so a stop string of n characters ends within its last
        // n tokens (multi-byte characters only shorten that); a few more cover a split UTF-8 sequence.
        _tail = _stops.Length == 0 ? 0 : _stops.Max(s => System.Text.Encoding.UTF8.GetByteCount(s)) + 4;
    }

    /// <summary>The stop string a row matched last, if any (for the caller's bookkeeping).</summary>
    public string? Matched(IReadOnlyList<int> newTokens)
    {
        if (_tail == 0 || newTokens.Count == 0)
        {
            return null;
        }
        int start = Math.Max(0, newTokens.Count - _tail);
        var tail = new int[newTokens.Count - start];
        for (int i = 0; i < tail.Length; i++)
        {
            tail[i] = newTokens[start + i];
        }
        string text = _decode(tail);
        return _stops.FirstOrDefault(s => text.Contains(s, StringComparison.Ordinal));
    }

    public bool ShouldStop(int row, IReadOnlyList<int> newTokens) => Matched(newTokens) is not null;
}

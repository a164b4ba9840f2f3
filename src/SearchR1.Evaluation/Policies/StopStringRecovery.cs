namespace SearchR1.Evaluation.Policies;

/// <summary>
/// OpenAI-compatible servers drop the stop string from the returned text by default, and some cannot be asked
/// to keep it. The Search-R1 protocol needs it (an action is <c>&lt;search&gt;…&lt;/search&gt;</c>), so this
/// puts it back and classifies why the continuation ended.
/// </summary>
public static class StopStringRecovery
{
    /// <param name="text">The text the server returned.</param>
    /// <param name="finishReason">The choice's <c>finish_reason</c> ("stop", "length", …).</param>
    /// <param name="stopReasonKnown">True when the server reported which stop fired (vLLM's <c>stop_reason</c>, null for EOS).</param>
    /// <param name="stopReason">The stop string the server reported, if any.</param>
    /// <param name="stops">The stop strings of the request.</param>
    public static (string Text, CompletionFinish Finish) Recover(
        string text, string? finishReason, bool stopReasonKnown, string? stopReason, IReadOnlyList<string> stops)
    {
        if (string.Equals(finishReason, "length", StringComparison.Ordinal))
        {
            return (text, CompletionFinish.Length);
        }
        foreach (string stop in stops)
        {
            if (stop.Length > 0 && text.EndsWith(stop, StringComparison.Ordinal))
            {
                return (text, CompletionFinish.StopString);
            }
        }
        if (stopReasonKnown)
        {
            return stopReason is not null && stops.Contains(stopReason)
                ? (text + stopReason, CompletionFinish.StopString)
                : (text, CompletionFinish.EndOfSequence);
        }
        // The server says neither whether a stop string fired nor which: a closing tag is due exactly when its
        // opening tag is the last one left open, which is what a stop on that closing tag looks like.
        string? pending = UnclosedTagClosing(text, stops);
        return pending is null ? (text, CompletionFinish.EndOfSequence) : (text + pending, CompletionFinish.StopString);
    }

    private static string? UnclosedTagClosing(string text, IReadOnlyList<string> stops)
    {
        string? best = null;
        int bestOpen = -1;
        foreach (string stop in stops)
        {
            if (!stop.StartsWith("</", StringComparison.Ordinal) || !stop.EndsWith('>'))
            {
                continue;
            }
            string open = "<" + stop[2..];
            int openAt = text.LastIndexOf(open, StringComparison.Ordinal);
            int closeAt = text.LastIndexOf(stop, StringComparison.Ordinal);
            if (openAt > closeAt && openAt > bestOpen)
            {
                best = stop;
                bestOpen = openAt;
            }
        }
        return best;
    }
}

namespace SearchR1.Modeling.Generation;

/// <summary>Why a row stopped generating in one <see cref="GenerationSession.Generate"/> call.</summary>
public enum StopReason
{
    /// <summary>It sampled an end-of-sequence token (included in the tokens).</summary>
    EndOfSequence,
    /// <summary>The caller's <see cref="IStopCondition"/> said stop (e.g. a stop string was completed; the completing token is included).</summary>
    StopCondition,
    /// <summary>It generated the call's maximum number of new tokens.</summary>
    MaxNewTokens,
    /// <summary>It reached the session's maximum total length (prompt + everything since).</summary>
    MaxTotalTokens,
}

/// <summary>
/// What one row generated in one call: the sampled token ids, the log-probability of each under
/// log_softmax(logits / temperature) (temperature 1 when greedy; before top-k / top-p), and why it stopped.
/// </summary>
public sealed record GeneratedTokens(int Row, int[] Tokens, float[] LogProbs, StopReason Reason);

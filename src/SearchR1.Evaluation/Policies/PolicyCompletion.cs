namespace SearchR1.Evaluation.Policies;

/// <summary>Why a continuation ended.</summary>
public enum CompletionFinish
{
    /// <summary>A stop string was written (it ends <see cref="PolicyCompletion.Text"/>).</summary>
    StopString,

    /// <summary>The model wrote its end-of-sequence token (not part of the text).</summary>
    EndOfSequence,

    /// <summary>The token budget ran out.</summary>
    Length,
}

/// <summary>One continuation: its text, how many tokens the policy wrote, and why it ended.</summary>
public sealed record PolicyCompletion(string Text, int TokenCount, CompletionFinish Finish);

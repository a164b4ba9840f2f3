using SearchR1.Core.Protocol;

namespace SearchR1.Training.Rollout;

/// <summary>One finished rollout row: its trajectory (token-in / token-out) and what happened in it.</summary>
public sealed class RolloutRow
{
    internal RolloutRow(int index, Trajectory trajectory, bool promptTruncated)
    {
        Index = index;
        Trajectory = trajectory;
        PromptTruncated = promptTruncated;
    }

    /// <summary>Position in the input batch.</summary>
    public int Index { get; }

    /// <summary>Prompt, policy and observation tokens with their sources, log-probs and turns.</summary>
    public Trajectory Trajectory { get; }

    /// <summary>The original's turn counter: 1, plus one per non-final turn that did not end the row.</summary>
    public int Turns { get; internal set; } = 1;

    /// <summary>Generations run (at most max_turns + 1).</summary>
    public int Generations { get; internal set; }

    /// <summary>Turns whose action was a search or an answer.</summary>
    public int ValidActions { get; internal set; }

    /// <summary>Turns whose action was a search (executed or, in the final turn, not).</summary>
    public int Searches { get; internal set; }

    /// <summary>Searches actually sent to the retriever.</summary>
    public int ExecutedSearches { get; internal set; }

    /// <summary>True when the row ended with an answer (the original's done flag).</summary>
    public bool Finished { get; internal set; }

    /// <summary>The content of the answer action, when the row answered.</summary>
    public string? Answer { get; internal set; }

    /// <summary>The initial prompt lost tokens to max_start_length.</summary>
    public bool PromptTruncated { get; }

    /// <summary>Observations cut at max_obs_length.</summary>
    public int ObservationsTruncated { get; internal set; }

    /// <summary>The row stopped because the context or response cap left no room for another turn.</summary>
    public bool ContextTruncated { get; internal set; }

    /// <summary>Turns that ran to max_response_length without a stop string or EOS.</summary>
    public int TurnLimitHits { get; internal set; }

    internal bool Active { get; set; } = true;
}

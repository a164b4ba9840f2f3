namespace SearchR1.Training.Configuration;

/// <summary>The multi-turn search rollout (SPEC §2.1).</summary>
public sealed record RolloutConfig
{
    /// <summary>Searches allowed per trajectory; one more (final) generation follows without search.</summary>
    public int MaxTurns { get; init; } = 4;

    /// <summary>The initial prompt keeps its last this-many tokens.</summary>
    public int MaxStartLength { get; init; } = 2048;

    /// <summary>Cap on the rolling context and on the accumulated response.</summary>
    public int MaxPromptLength { get; init; } = 4096;

    /// <summary>New tokens per turn.</summary>
    public int MaxResponseLength { get; init; } = 500;

    /// <summary>An observation keeps its first this-many tokens.</summary>
    public int MaxObsLength { get; init; } = 500;

    /// <summary>Samples per prompt (GRPO group size; PPO: 1).</summary>
    public int N { get; init; } = 1;

    /// <summary>Sampling temperature.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Nucleus sampling threshold (1 = off).</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Top-k sampling (0 = off).</summary>
    public int TopK { get; init; }

    /// <summary>Stop a turn at &lt;/search&gt; / &lt;/answer&gt; (true) instead of generating the full per-turn budget and cutting the text (the original).</summary>
    public bool StopAtActionTags { get; init; } = true;

    /// <summary>Validation sampling: greedy (true, default) or the training sampler (the original, by accident).</summary>
    public bool ValidationGreedy { get; init; } = true;
}

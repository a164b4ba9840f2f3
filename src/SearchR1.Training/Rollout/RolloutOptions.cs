using SearchR1.Training.Configuration;

namespace SearchR1.Training.Rollout;

/// <summary>Everything the rollout loop reads (SPEC §2.1). Defaults are the paper's.</summary>
public sealed record RolloutOptions
{
    /// <summary>Searches allowed; one final generation without search follows (so max_turns + 1 generations).</summary>
    public int MaxTurns { get; init; } = 4;

    /// <summary>The initial prompt keeps its last this-many tokens.</summary>
    public int MaxStartLength { get; init; } = 2048;

    /// <summary>Cap on the context (prompt + response) and on the response.</summary>
    public int MaxPromptLength { get; init; } = 4096;

    /// <summary>New tokens per turn.</summary>
    public int MaxResponseLength { get; init; } = 500;

    /// <summary>An observation keeps its first this-many tokens.</summary>
    public int MaxObsLength { get; init; } = 500;

    /// <summary>Passages per search.</summary>
    public int TopK { get; init; } = 3;

    /// <summary>Stop a turn at &lt;/search&gt; / &lt;/answer&gt;; false generates the whole turn budget and then cuts (the original).</summary>
    public bool StopAtActionTags { get; init; } = true;

    /// <summary>Wrap each prompt in the tokenizer's chat template when it has one (the original does).</summary>
    public bool ApplyChatTemplate { get; init; } = true;

    /// <summary>How tokens are drawn.</summary>
    public SamplingSettings Sampling { get; init; } = new();

    /// <summary>The training configuration's rollout and retriever sections as options; greedy for validation.</summary>
    public static RolloutOptions From(TrainingConfig config, bool validation = false) => new()
    {
        MaxTurns = config.Rollout.MaxTurns,
        MaxStartLength = config.Rollout.MaxStartLength,
        MaxPromptLength = config.Rollout.MaxPromptLength,
        MaxResponseLength = config.Rollout.MaxResponseLength,
        MaxObsLength = config.Rollout.MaxObsLength,
        TopK = config.Retriever.TopK,
        StopAtActionTags = config.Rollout.StopAtActionTags,
        Sampling = validation && config.Rollout.ValidationGreedy
            ? SamplingSettings.GreedyDecoding
            : new SamplingSettings(config.Rollout.Temperature, config.Rollout.TopP, config.Rollout.TopK),
    };
}

using SearchR1.Evaluation.Agents;
using SearchR1.Evaluation.Methods;

namespace SearchR1.Evaluation.Running;

/// <summary>
/// One evaluation run's settings. The defaults are the paper's protocol (SPEC §2.1, §6) with greedy decoding
/// (SPEC preamble): max 4 turns, top-3, 500 new tokens per turn, temperature 0.
/// </summary>
public sealed record EvalOptions
{
    public EvalMethod Method { get; init; } = EvalMethod.SearchR1;

    public int TopK { get; init; } = 3;

    public int MaxTurns { get; init; } = 4;

    public int MaxResponseTokens { get; init; } = 500;

    public int MaxObservationTokens { get; init; } = 500;

    /// <summary>0 = greedy; 1 reproduces the original's sampled validation.</summary>
    public float Temperature { get; init; }

    public long Seed { get; init; }

    /// <summary>Questions generated together (one batched rollout; one progress step).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// Where <c>predictions.jsonl</c> lives. When set, examples already there are skipped and each new one is
    /// appended and flushed as soon as its batch ends, so an interrupted run resumes where it stopped.
    /// </summary>
    public string? OutputDirectory { get; init; }

    /// <summary>The agent settings for this method: the baselines answer in one turn, without search.</summary>
    public AgentSettings AgentSettings() => new(
        MaxTurns: Method == EvalMethod.SearchR1 ? MaxTurns : 0,
        TopK: TopK,
        MaxResponseTokens: MaxResponseTokens,
        MaxObservationTokens: MaxObservationTokens,
        Temperature: Temperature,
        Seed: Seed);
}

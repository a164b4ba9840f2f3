namespace SearchR1.Evaluation.Agents;

/// <summary>How a trajectory is generated (SPEC §2.1 defaults).</summary>
/// <param name="MaxTurns">Search rounds before the final, search-less generation (0 for the baselines).</param>
/// <param name="TopK">Passages per search.</param>
/// <param name="MaxResponseTokens">New tokens per generation.</param>
/// <param name="MaxObservationTokens">An observation keeps its first this many tokens (token-level agents only).</param>
/// <param name="Temperature">0 = greedy (evaluation default); 1 reproduces the original's sampled validation.</param>
/// <param name="Seed">Sampling seed.</param>
public sealed record AgentSettings(
    int MaxTurns = 4,
    int TopK = 3,
    int MaxResponseTokens = 500,
    int MaxObservationTokens = 500,
    float Temperature = 0f,
    long Seed = 0);

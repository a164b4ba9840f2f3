namespace SearchR1.Evaluation.Policies;

/// <summary>How to sample one continuation. Temperature 0 is greedy (the evaluation default, SPEC preamble).</summary>
/// <param name="MaxTokens">At most this many new tokens (SPEC §2.1: 500 per turn).</param>
/// <param name="Temperature">0 = greedy; 1 reproduces the original's sampled validation.</param>
/// <param name="StopStrings">Generation ends after the first of these; it stays in the returned text.</param>
/// <param name="Seed">Sampling seed for backends that honour one (ignored when greedy).</param>
public sealed record SamplingSettings(int MaxTokens, float Temperature, IReadOnlyList<string> StopStrings, long? Seed = null);

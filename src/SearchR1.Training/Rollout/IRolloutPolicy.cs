namespace SearchR1.Training.Rollout;

/// <summary>
/// What the rollout drives: a model that continues many token sequences at once, token-in / token-out. A local
/// TorchSharp model (<see cref="ModelRolloutPolicy"/>) is one; anything that can sample token ids with their
/// log-probabilities and accept appended tokens can be another.
/// </summary>
public interface IRolloutPolicy
{
    /// <summary>Opens a session over <paramref name="prompts"/> (row i = prompt i).</summary>
    IRolloutSession StartSession(IReadOnlyList<int[]> prompts, SamplingSettings sampling);
}

/// <summary>A batch of live sequences (rows) that grow by generation and by appended observation tokens.</summary>
public interface IRolloutSession : IDisposable
{
    /// <summary>
    /// Continues each of <paramref name="rows"/> by at most <paramref name="maxNewTokens"/>[i] tokens. A row stops at
    /// an end-of-sequence token (kept in its output) or when <paramref name="shouldStop"/>(row, tokens so far in
    /// this call) returns true after a token was sampled (the token is kept). Returns, in the order of <paramref name="rows"/>, the new
    /// tokens and the log-probability each had under the sampling distribution.
    /// </summary>
    IReadOnlyList<GeneratedSegment> Generate(
        IReadOnlyList<int> rows, IReadOnlyList<int> maxNewTokens, Func<int, IReadOnlyList<int>, bool> shouldStop, CancellationToken ct);

    /// <summary>Appends tokens the model did not write (an observation) to a row; they become context.</summary>
    void Append(int row, ReadOnlySpan<int> tokens);

    /// <summary>Frees a finished row; it takes no further part.</summary>
    void Release(int row);
}

/// <summary>One row's output of one generation call.</summary>
/// <param name="TokenIds">The sampled ids, in order.</param>
/// <param name="LogProbs">log p of each sampled id under the (tempered, truncated) sampling distribution.</param>
/// <param name="EndedWithEos">True when the last id is an end-of-sequence token.</param>
public sealed record GeneratedSegment(int[] TokenIds, float[] LogProbs, bool EndedWithEos);

/// <summary>How tokens are drawn. Greedy ignores the rest; top_p = 1 and top_k = 0 are off.</summary>
public sealed record SamplingSettings(double Temperature = 1.0, double TopP = 1.0, int TopK = 0, bool Greedy = false, long? Seed = null)
{
    /// <summary>Argmax decoding (evaluation).</summary>
    public static SamplingSettings GreedyDecoding { get; } = new(Greedy: true);
}

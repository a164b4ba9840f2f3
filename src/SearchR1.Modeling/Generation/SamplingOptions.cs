namespace SearchR1.Modeling.Generation;

/// <summary>
/// How the next token is chosen: greedy (<see cref="Temperature"/> 0), or sampled from
/// softmax(logits / temperature) restricted to the <see cref="TopK"/> most likely tokens (0: all) and to
/// the smallest set whose probability reaches <see cref="TopP"/> (1: all), in that order, as transformers
/// applies them. <see cref="Seed"/> makes sampling reproducible (a torch.Generator per session).
/// </summary>
public sealed record SamplingOptions
{
    public double Temperature { get; init; } = 1.0;
    public double TopP { get; init; } = 1.0;
    public int TopK { get; init; }
    public long? Seed { get; init; }

    public bool IsGreedy => Temperature <= 0;

    public static SamplingOptions Greedy { get; } = new() { Temperature = 0 };

    public void Validate()
    {
        if (double.IsNaN(Temperature) || Temperature < 0)
        {
            throw new ArgumentException($"temperature must be ≥ 0 (0 = greedy), got {Temperature}.");
        }
        if (!(TopP > 0 && TopP <= 1))
        {
            throw new ArgumentException($"top_p must be in (0, 1], got {TopP}.");
        }
        if (TopK < 0)
        {
            throw new ArgumentException($"top_k must be ≥ 0 (0 = off), got {TopK}.");
        }
    }
}

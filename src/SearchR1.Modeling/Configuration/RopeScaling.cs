namespace SearchR1.Modeling.Configuration;

/// <summary>
/// How rotary position frequencies are adjusted for long contexts. <c>default</c> leaves them as they are;
/// <c>llama3</c> is Llama 3.1/3.2's piecewise scaling (low frequencies divided by <see cref="Factor"/>,
/// high ones kept, a smooth blend between); <c>linear</c> divides every frequency by <see cref="Factor"/>.
/// </summary>
public sealed record RopeScaling(
    string Type,
    double Factor = 1.0,
    double LowFreqFactor = 1.0,
    double HighFreqFactor = 4.0,
    int OriginalMaxPositionEmbeddings = 8192)
{
    public static RopeScaling Default { get; } = new("default");
}

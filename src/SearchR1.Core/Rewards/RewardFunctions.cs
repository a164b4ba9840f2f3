namespace SearchR1.Core.Rewards;

/// <summary>Chooses a reward function by name: "em" (the original's default), "f1" or "format".</summary>
public static class RewardFunctions
{
    public const string ExactMatch = "em";
    public const string TokenF1 = "f1";
    public const string Format = "format";

    /// <summary>Every selector name, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = [ExactMatch, TokenF1, Format];

    /// <summary>
    /// The reward function called <paramref name="name"/> (case-insensitive). <paramref name="formatWeights"/>
    /// applies to "format" (default v0.3's 0.2, 0.1, 0).
    /// </summary>
    public static IRewardFunction Create(string name, FormatRewardWeights? formatWeights = null) =>
        name.Trim().ToLowerInvariant() switch
        {
            ExactMatch => new ExactMatchReward(),
            TokenF1 => new TokenF1Reward(),
            Format => new FormatAwareReward(formatWeights ?? new FormatRewardWeights()),
            _ => throw new ArgumentException(
                $"Unknown reward function '{name}': expected one of {string.Join(", ", Names)}.", nameof(name)),
        };
}

namespace SearchR1.Core.Rewards;

/// <summary>Search-R1 v0.3's format-aware EM reward (<see cref="FormatReward"/>) as a selectable reward function.</summary>
public sealed class FormatAwareReward(FormatRewardWeights weights) : IRewardFunction
{
    public FormatRewardWeights Weights { get; } = weights;

    public string Name => RewardFunctions.Format;

    public double Score(string solutionStr, IReadOnlyList<string> goldenAnswers)
        => FormatReward.Score(solutionStr, goldenAnswers, Weights);
}

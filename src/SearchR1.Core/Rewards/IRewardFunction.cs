namespace SearchR1.Core.Rewards;

/// <summary>
/// A reward for one full decoded sequence (chat template, prompt, every turn and observation), as the
/// original's reward manager scores it. Implementations are stateless and thread-safe.
/// </summary>
public interface IRewardFunction
{
    /// <summary>The selector name ("em", "f1", "format").</summary>
    string Name { get; }

    double Score(string solutionStr, IReadOnlyList<string> goldenAnswers);
}

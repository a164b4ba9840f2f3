namespace SearchR1.Core.Rewards;

/// <summary>
/// The format reward of one sequence: whether its format is valid, whether its retrieved information holds a
/// gold answer (null when the format is invalid: the original does not look), and the score.
/// </summary>
public sealed record FormatRewardResult(bool FormatValid, bool? RetrievalCorrect, double Score);

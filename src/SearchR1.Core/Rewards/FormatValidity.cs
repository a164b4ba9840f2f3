namespace SearchR1.Core.Rewards;

/// <summary>The verdict of <see cref="FormatReward.IsValidSequence"/>, with the original's reason text.</summary>
public sealed record FormatValidity(bool IsValid, string Reason);

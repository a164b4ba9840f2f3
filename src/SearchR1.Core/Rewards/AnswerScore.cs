namespace SearchR1.Core.Rewards;

/// <summary>
/// Every answer metric of one prediction: the extracted answer (null when none), its normalised form, EM,
/// sub-EM and token F1 (each 0 without an answer), and the format reward when one was asked for.
/// </summary>
public sealed record AnswerScore(
    string? Extracted,
    string? NormalizedPrediction,
    double ExactMatch,
    double SubstringExactMatch,
    double TokenF1,
    FormatRewardResult? Format);

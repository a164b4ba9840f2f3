using SearchR1.Core.Rewards.Unicode;

namespace SearchR1.Core.Rewards;

/// <summary>Computes <see cref="AnswerScore"/> for a full sequence (as the reward manager sees it) or a bare prediction.</summary>
public static class AnswerScorer
{
    /// <summary>
    /// Scores a full decoded sequence exactly as the original's reward manager does: the answer is extracted
    /// from the whole text (≥ 2 matches rule), EM and sub-EM follow <c>compute_score_em</c> /
    /// <c>compute_score_subem</c>; with <paramref name="formatWeights"/>, the v0.3 format reward too.
    /// </summary>
    public static AnswerScore ScoreSequence(
        string solutionStr, IReadOnlyList<string> goldenAnswers, FormatRewardWeights? formatWeights = null)
        => ScoreSequence(solutionStr, goldenAnswers, goldenAnswers, formatWeights);

    /// <summary>
    /// Scores a sequence whose gold answer came as one bare string rather than a list, as the original does:
    /// EM and sub-EM wrap it in a list, while the format reward's <c>is_retrieval_correct</c> iterates over its
    /// characters (so any single character found in an information block counts).
    /// </summary>
    public static AnswerScore ScoreSequenceWithBareGoldString(
        string solutionStr, string goldenAnswer, FormatRewardWeights? formatWeights = null)
    {
        List<string> characters = [.. PythonText.CodePointStrings(goldenAnswer)];
        return ScoreSequence(solutionStr, [goldenAnswer], characters, formatWeights);
    }

    private static AnswerScore ScoreSequence(
        string solutionStr, IReadOnlyList<string> goldenAnswers, IReadOnlyList<string> retrievalGoldenAnswers,
        FormatRewardWeights? formatWeights)
    {
        string? extracted = AnswerExtractor.Extract(solutionStr);
        FormatRewardResult? format = formatWeights is null
            ? null
            : FormatReward.Evaluate(solutionStr, goldenAnswers, retrievalGoldenAnswers, formatWeights);
        return extracted is null
            ? new AnswerScore(null, null, 0.0, 0.0, 0.0, format)
            : ScoreAnswer(extracted, goldenAnswers, format);
    }

    /// <summary>Scores an answer that is already extracted (no tags, no format reward).</summary>
    public static AnswerScore ScorePrediction(string prediction, IReadOnlyList<string> goldenAnswers)
        => ScoreAnswer(prediction, goldenAnswers, null);

    private static AnswerScore ScoreAnswer(string answer, IReadOnlyList<string> goldenAnswers, FormatRewardResult? format)
        => new(
            answer,
            AnswerNormalizer.Normalize(answer),
            AnswerMatching.ExactMatch(answer, goldenAnswers) ? 1.0 : 0.0,
            AnswerMatching.SubstringExactMatch(answer, goldenAnswers) ? 1.0 : 0.0,
            AnswerMatching.TokenF1(answer, goldenAnswers),
            format);
}

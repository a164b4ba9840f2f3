namespace SearchR1.Core.Rewards;

/// <summary>
/// Search-R1's default reward, <c>qa_em.compute_score_em</c>: no extracted answer → 0; an exact match →
/// <see cref="CorrectScore"/>; otherwise <see cref="FormatScore"/> (0 in every script of the original).
/// </summary>
public sealed class ExactMatchReward(double formatScore = 0.0, double correctScore = 1.0) : IRewardFunction
{
    public double FormatScore { get; } = formatScore;

    public double CorrectScore { get; } = correctScore;

    public string Name => RewardFunctions.ExactMatch;

    public double Score(string solutionStr, IReadOnlyList<string> goldenAnswers)
    {
        string? answer = AnswerExtractor.Extract(solutionStr);
        if (answer is null)
        {
            return 0.0;
        }
        return AnswerMatching.ExactMatch(answer, goldenAnswers) ? CorrectScore : FormatScore;
    }
}

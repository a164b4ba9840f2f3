namespace SearchR1.Core.Rewards;

/// <summary>
/// SQuAD token F1 of the extracted answer against the best gold answer (0 when nothing is extracted): the
/// denser reward several Search-R1 successors train with. Not in the original.
/// </summary>
public sealed class TokenF1Reward : IRewardFunction
{
    public string Name => RewardFunctions.TokenF1;

    public double Score(string solutionStr, IReadOnlyList<string> goldenAnswers)
    {
        string? answer = AnswerExtractor.Extract(solutionStr);
        return answer is null ? 0.0 : AnswerMatching.TokenF1(answer, goldenAnswers);
    }
}

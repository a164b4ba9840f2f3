using SearchR1.Core.Rewards;
using SearchR1.Modeling.Tokenization;
using SearchR1.Training.Rollout;
using static TorchSharp.torch;

namespace SearchR1.Training.Ppo;

/// <summary>
/// The reward manager (SPEC §4.1): decode prompt + response WITHOUT skipping special tokens (the string holds the
/// chat template, the prompt, every turn and every observation), score it against the gold answers, and put the
/// score on the last real response token; every other token gets 0.
/// </summary>
public static class SequenceRewards
{
    /// <summary>The score and the exact match of each row (EM is always reported, whatever the reward).</summary>
    public static (double[] Scores, double[] ExactMatch) Score(
        IReadOnlyList<RolloutRow> rows, IReadOnlyList<IReadOnlyList<string>> goldenAnswers, HfTokenizer tokenizer, IRewardFunction reward)
    {
        var exactMatch = RewardFunctions.Create(RewardFunctions.ExactMatch);
        var scores = new double[rows.Count];
        var em = new double[rows.Count];
        Parallel.For(0, rows.Count, i =>
        {
            string sequence = tokenizer.Decode(rows[i].Trajectory.TokenIds, skipSpecialTokens: false);
            scores[i] = reward.Score(sequence, goldenAnswers[i]);
            em[i] = reward.Name == RewardFunctions.ExactMatch ? scores[i] : exactMatch.Score(sequence, goldenAnswers[i]);
        });
        return (scores, em);
    }

    /// <summary>[B, R] token-level scores: each row's score at its last response token.</summary>
    public static Tensor TokenLevel(double[] scores, int[] responseLengths, int responseWidth, Device device)
    {
        var values = new float[scores.Length * responseWidth];
        for (int b = 0; b < scores.Length; b++)
        {
            if (responseLengths[b] > 0)
            {
                values[b * responseWidth + responseLengths[b] - 1] = (float)scores[b];
            }
        }
        return tensor(values, [scores.Length, responseWidth], device: device);
    }
}

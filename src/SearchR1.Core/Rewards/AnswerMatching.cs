using SearchR1.Core.Rewards.Unicode;

namespace SearchR1.Core.Rewards;

/// <summary>EM, sub-EM (Search-R1 <c>em_check</c>, <c>subem_check</c>) and SQuAD token F1 over normalised answers.</summary>
public static class AnswerMatching
{
    /// <summary>1 when the normalised prediction equals some normalised gold answer.</summary>
    public static bool ExactMatch(string prediction, IReadOnlyList<string> goldenAnswers)
    {
        string normalizedPrediction = AnswerNormalizer.Normalize(prediction);
        foreach (string gold in goldenAnswers)
        {
            if (string.Equals(AnswerNormalizer.Normalize(gold), normalizedPrediction, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>1 when some normalised gold answer is a substring of the normalised prediction.</summary>
    public static bool SubstringExactMatch(string prediction, IReadOnlyList<string> goldenAnswers)
    {
        string normalizedPrediction = AnswerNormalizer.Normalize(prediction);
        foreach (string gold in goldenAnswers)
        {
            if (PythonText.Contains(normalizedPrediction, AnswerNormalizer.Normalize(gold)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// SQuAD token F1, the best over the gold answers: common tokens counted with multiplicity (Counter
    /// intersection), precision over the prediction's tokens, recall over the gold's; 0 when nothing is shared.
    /// </summary>
    public static double TokenF1(string prediction, IReadOnlyList<string> goldenAnswers)
    {
        string[] predictionTokens = Tokens(prediction);
        double best = 0.0;
        foreach (string gold in goldenAnswers)
        {
            best = Math.Max(best, TokenF1(predictionTokens, Tokens(gold)));
        }
        return best;
    }

    private static string[] Tokens(string text)
    {
        string normalized = AnswerNormalizer.Normalize(text);
        return normalized.Length == 0 ? [] : normalized.Split(' ');
    }

    private static double TokenF1(string[] predictionTokens, string[] goldTokens)
    {
        var goldCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string token in goldTokens)
        {
            goldCounts[token] = goldCounts.GetValueOrDefault(token) + 1;
        }
        int common = 0;
        foreach (string token in predictionTokens)
        {
            if (goldCounts.TryGetValue(token, out int left) && left > 0)
            {
                goldCounts[token] = left - 1;
                common++;
            }
        }
        if (common == 0)
        {
            return 0.0;
        }
        double precision = 1.0 * common / predictionTokens.Length;
        double recall = 1.0 * common / goldTokens.Length;
        return 2 * precision * recall / (precision + recall);
    }
}

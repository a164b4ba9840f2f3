using System.Text.RegularExpressions;
using SearchR1.Core.Rewards.Unicode;

namespace SearchR1.Core.Rewards;

/// <summary>
/// Search-R1 v0.3's format-aware reward (<c>qa_em_format.py</c>): the tag state machine
/// (<c>is_valid_sequence</c>), <c>is_retrieval_correct</c>, and the score table of SPEC §4.4.
/// </summary>
public static partial class FormatReward
{
    private const string AssistantMarker = "<|im_start|>assistant";

    private static readonly string[] CheckedTags = ["think", "search", "information", "answer"];

    [GeneratedRegex("</?(?:think|search|information|answer)>", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    /// <summary>
    /// The score: EM correct → 1 (valid format) or 1 − sfs; otherwise (wrong or no answer) a valid format earns
    /// sfs (+ rs when retrieval found a gold answer), an invalid one earns ffs for a wrong answer, 0 for none.
    /// </summary>
    public static double Score(string solutionStr, IReadOnlyList<string> goldenAnswers, FormatRewardWeights weights)
        => Evaluate(solutionStr, goldenAnswers, weights).Score;

    /// <summary>The score with the facts behind it.</summary>
    public static FormatRewardResult Evaluate(
        string solutionStr, IReadOnlyList<string> goldenAnswers, FormatRewardWeights weights)
        => Evaluate(solutionStr, goldenAnswers, goldenAnswers, weights);

    /// <summary>
    /// As <see cref="Evaluate(string, IReadOnlyList{string}, FormatRewardWeights)"/>, with the list that
    /// <c>is_retrieval_correct</c> iterates given apart. They differ only for a gold answer given as one bare
    /// string: <c>em_check</c> wraps it in a list, <c>is_retrieval_correct</c> iterates its characters.
    /// </summary>
    internal static FormatRewardResult Evaluate(
        string solutionStr, IReadOnlyList<string> goldenAnswers, IReadOnlyList<string> retrievalGoldenAnswers,
        FormatRewardWeights weights)
    {
        const double correctScore = 1.0;
        bool isValidFormat = IsValidSequence(solutionStr).IsValid;
        bool? retrievalCorrect = isValidFormat ? IsRetrievalCorrect(solutionStr, retrievalGoldenAnswers) : null;
        string? answer = AnswerExtractor.Extract(solutionStr);
        double validFormatScore = retrievalCorrect == true
            ? weights.StructureFormatScore + weights.RetrievalScore
            : weights.StructureFormatScore;
        double score;
        if (answer is null)
        {
            score = isValidFormat ? validFormatScore : 0.0;
        }
        else if (AnswerMatching.ExactMatch(answer, goldenAnswers))
        {
            score = isValidFormat ? correctScore : correctScore - weights.StructureFormatScore;
        }
        else
        {
            score = isValidFormat ? validFormatScore : weights.FinalFormatScore;
        }
        return new FormatRewardResult(isValidFormat, retrievalCorrect, score);
    }

    /// <summary>
    /// <c>is_valid_sequence</c>: after the first <c>&lt;|im_start|&gt;assistant</c> (and the whitespace after it),
    /// the think/search/information/answer tags must balance and follow
    /// think → (search → information → think)* → answer, with non-blank text only inside tags.
    /// </summary>
    public static FormatValidity IsValidSequence(string text)
    {
        int marker = text.IndexOf(AssistantMarker, StringComparison.Ordinal);
        if (marker < 0)
        {
            return new FormatValidity(false, "Missing assistant marker");
        }
        int start = marker + AssistantMarker.Length;
        while (start < text.Length && PythonText.IsWhiteSpace(text[start]))
        {
            start++;
        }
        string content = text[start..];

        foreach (string tag in CheckedTags)
        {
            int opening = CountOccurrences(content, $"<{tag}>");
            int closing = CountOccurrences(content, $"</{tag}>");
            if (opening != closing)
            {
                return new FormatValidity(
                    false, $"Mismatch in {tag} tags: {opening} opening vs {closing} closing tags");
            }
        }

        var state = "start";
        int position = 0;
        foreach (Match tag in TagPattern().Matches(content))
        {
            string? error = CheckContent(content[position..tag.Index], state);
            if (error is not null)
            {
                return new FormatValidity(false, error);
            }
            string? next = Transition(state, tag.Value);
            if (next is null)
            {
                return new FormatValidity(false, $"Unexpected tag {tag.Value} in state {state}");
            }
            state = next;
            position = tag.Index + tag.Length;
        }
        string? trailingError = CheckContent(content[position..], state);
        if (trailingError is not null)
        {
            return new FormatValidity(false, trailingError);
        }
        return state == "end"
            ? new FormatValidity(true, "Valid sequence format")
            : new FormatValidity(false, $"Incomplete sequence, ended in state {state}");
    }

    /// <summary><c>is_retrieval_correct</c>: some normalised gold answer is inside some normalised information block.</summary>
    public static bool IsRetrievalCorrect(string text, IReadOnlyList<string> goldenAnswers)
    {
        foreach (string block in AnswerExtractor.InformationBlocks(text))
        {
            string normalizedBlock = AnswerNormalizer.Normalize(block);
            foreach (string gold in goldenAnswers)
            {
                if (PythonText.Contains(normalizedBlock, AnswerNormalizer.Normalize(gold)))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static string? CheckContent(string part, string state)
    {
        if (PythonText.IsBlank(part))
        {
            return null;
        }
        return state switch
        {
            "in_think" or "in_search" or "in_information" or "in_answer" => null,
            "start" or "after_think" or "after_search" or "information" =>
                $"Unexpected content '{PythonText.Strip(part)}' between tags (state: {state})",
            _ => $"Unexpected content in state {state}",
        };
    }

    private static string? Transition(string state, string tag) => (tag, state) switch
    {
        ("<think>", "start" or "information") => "in_think",
        ("</think>", "in_think") => "after_think",
        ("<search>", "after_think") => "in_search",
        ("</search>", "in_search") => "after_search",
        ("<information>", "after_search") => "in_information",
        ("</information>", "in_information") => "information",
        ("<answer>", "after_think") => "in_answer",
        ("</answer>", "in_answer") => "end",
        _ => null,
    };

    private static int CountOccurrences(string text, string literal)
    {
        int count = 0;
        int at = text.IndexOf(literal, StringComparison.Ordinal);
        while (at >= 0)
        {
            count++;
            at = text.IndexOf(literal, at + literal.Length, StringComparison.Ordinal);
        }
        return count;
    }
}

using System.Text.RegularExpressions;
using SearchR1.Core.Rewards.Unicode;

namespace SearchR1.Core.Rewards;

/// <summary>
/// Search-R1's <c>extract_solution</c> and <c>extract_information_blocks</c>, run over the full decoded
/// sequence (chat template, prompt, every turn).
/// </summary>
public static partial class AnswerExtractor
{
    [GeneratedRegex("<answer>(.*?)</answer>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex AnswerPattern();

    [GeneratedRegex("<information>(.*?)</information>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex InformationPattern();

    /// <summary>
    /// The last <c>&lt;answer&gt;…&lt;/answer&gt;</c> content, stripped; null when the text holds one match or
    /// none. The prompt template itself holds two matches (" and ", " Beijing "), so in a full sequence the rule
    /// means "the last answer", and a trajectory that never answered predicts "Beijing": the original's quirk.
    /// </summary>
    public static string? Extract(string solutionStr)
    {
        MatchCollection matches = AnswerPattern().Matches(solutionStr);
        if (matches.Count <= 1)
        {
            return null;
        }
        return PythonText.Strip(matches[^1].Groups[1].Value);
    }

    /// <summary>The stripped contents of every <c>&lt;information&gt;</c> block, in order.</summary>
    public static IReadOnlyList<string> InformationBlocks(string text)
    {
        MatchCollection matches = InformationPattern().Matches(text);
        var blocks = new List<string>(matches.Count);
        foreach (Match match in matches)
        {
            blocks.Add(PythonText.Strip(match.Groups[1].Value));
        }
        return blocks;
    }
}

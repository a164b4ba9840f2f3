using System.Text.RegularExpressions;
using SearchR1.Core.Rewards.Unicode;

namespace SearchR1.Core.Protocol;

/// <summary>
/// The original's <c>postprocess_predictions</c>: the first match of <c>&lt;(search|answer)&gt;(.*?)&lt;/\1&gt;</c>
/// (DOTALL) in the (cut) response decides the action; its content is stripped with Python's whitespace set.
/// </summary>
public static partial class ActionParser
{
    [GeneratedRegex(@"<(search|answer)>(.*?)</\1>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ActionPattern();

    public static AgentAction Parse(string response)
    {
        Match match = ActionPattern().Match(response);
        if (!match.Success)
        {
            return AgentAction.Invalid;
        }
        AgentActionKind kind = match.Groups[1].Value == "search" ? AgentActionKind.Search : AgentActionKind.Answer;
        return new AgentAction(kind, PythonText.Strip(match.Groups[2].Value));
    }
}

namespace SearchR1.Core.Protocol;

/// <summary>The fixed strings of the Search-R1 agent protocol (SPEC §2.3–2.5), exactly as the original writes them.</summary>
public static class ProtocolText
{
    public const string SearchOpen = "<search>";
    public const string SearchClose = "</search>";
    public const string AnswerOpen = "<answer>";
    public const string AnswerClose = "</answer>";
    public const string InformationOpen = "<information>";
    public const string InformationClose = "</information>";
    public const string ThinkOpen = "<think>";
    public const string ThinkClose = "</think>";

    /// <summary>
    /// The observation appended after a turn with neither a search nor an answer; leading and trailing newline
    /// included. Its tokens are observation tokens (masked out of the loss).
    /// </summary>
    public const string InvalidActionObservation =
        "\nMy previous action is invalid. If I want to search, I should put the query between <search> and " +
        "</search>. If I want to give the final answer, I should put the answer between <answer> and </answer>. " +
        "Let me try again.\n";

    /// <summary>
    /// Where a turn ends. The original generated on to 500 tokens and cut the text afterwards
    /// (<see cref="ResponseCutter"/>); stopping at these strings yields the same text for far less compute.
    /// </summary>
    public static IReadOnlyList<string> StopStrings { get; } = [SearchClose, AnswerClose];
}

namespace SearchR1.Core.Protocol;

/// <summary>
/// The original's <c>execute_predictions</c> for one row, as a table (SPEC §2.5):
/// inactive → ("", done, invalid); answer → ("", done, valid); search → the <c>&lt;information&gt;</c>
/// observation (not done, valid, search); anything else → the invalid-action text (not done, invalid).
/// </summary>
public static class EnvironmentStep
{
    /// <summary>A row that already finished: nothing appended, done, not a valid action.</summary>
    public static StepOutcome Inactive { get; } = new(string.Empty, Done: true, ValidAction: false, IsSearch: false);

    /// <summary>
    /// The outcome of <paramref name="action"/>. A search needs <paramref name="retrievedContents"/>: the corpus
    /// <c>contents</c> of its hits, best first (all searches of a turn go to the retriever as one batch).
    /// </summary>
    public static StepOutcome For(AgentAction action, IReadOnlyList<string>? retrievedContents = null) => action.Kind switch
    {
        AgentActionKind.Answer => new StepOutcome(string.Empty, Done: true, ValidAction: true, IsSearch: false),
        AgentActionKind.Search => new StepOutcome(
            InformationFormatter.Observation(retrievedContents ?? throw new ArgumentNullException(
                nameof(retrievedContents), "A search action needs the retrieved passages.")),
            Done: false, ValidAction: true, IsSearch: true),
        _ => new StepOutcome(ProtocolText.InvalidActionObservation, Done: false, ValidAction: false, IsSearch: false),
    };
}

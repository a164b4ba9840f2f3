namespace SearchR1.Core.Protocol;

/// <summary>The action of one turn: its kind and its content (the query or the answer, stripped; empty when invalid).</summary>
public sealed record AgentAction(AgentActionKind Kind, string Content)
{
    public static AgentAction Invalid { get; } = new(AgentActionKind.Invalid, string.Empty);

    public bool IsSearch => Kind == AgentActionKind.Search;

    public bool IsAnswer => Kind == AgentActionKind.Answer;

    public bool IsValid => Kind != AgentActionKind.Invalid;
}

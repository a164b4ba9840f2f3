namespace SearchR1.Core.Protocol;

/// <summary>What a turn asked for: a search, a final answer, or neither (an invalid action).</summary>
public enum AgentActionKind
{
    Invalid,
    Search,
    Answer,
}

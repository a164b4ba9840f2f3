using SearchR1.Evaluation.Running;

namespace SearchR1.Evaluation.Agents;

/// <summary>What an agent did for one question.</summary>
/// <param name="Response">Everything after the prompt: turns and observations in order.</param>
/// <param name="Turns">Each generation with its action and observation.</param>
/// <param name="Searches">Queries actually sent to the retriever.</param>
/// <param name="Answered">True when the last action was an answer.</param>
/// <param name="ResponseTokens">Tokens the policy wrote (observations excluded).</param>
public sealed record AgentTrajectory(
    string Response,
    IReadOnlyList<EvalTurn> Turns,
    IReadOnlyList<string> Searches,
    bool Answered,
    int ResponseTokens)
{
    /// <summary>
    /// The whole sequence as the original's reward manager decodes it (chat template, prompt, every turn, special
    /// tokens kept), when the agent has it; the answer is extracted from it. Otherwise prompt + response is scored.
    /// </summary>
    public string? SequenceText { get; init; }
}

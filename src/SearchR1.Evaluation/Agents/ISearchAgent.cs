using SearchR1.Retrieval;

namespace SearchR1.Evaluation.Agents;

/// <summary>
/// Runs the Search-R1 protocol (SPEC §2.2) for a batch of user turns: up to <see cref="AgentSettings.MaxTurns"/>
/// generate / act rounds, then one last generation in which a search is not executed. With
/// <c>MaxTurns = 0</c> it is a single answer turn, which is how the baselines run (direct, CoT, RAG, R1).
/// </summary>
/// <remarks>
/// Two implementations: <see cref="TextSearchAgent"/> drives any <see cref="Policies.ITextPolicy"/> (an
/// OpenAI-compatible endpoint) at the text level; <see cref="LocalRolloutAgent"/> runs a local model through
/// the trainer's token-level rollout, so evaluation and training validation produce the same trajectories.
/// </remarks>
public interface ISearchAgent
{
    /// <summary>The model, for the run manifest.</summary>
    string Description { get; }

    /// <summary>One trajectory per user turn, in order.</summary>
    Task<IReadOnlyList<AgentTrajectory>> RunAsync(
        IReadOnlyList<string> userMessages, AgentSettings settings, IRetriever? retriever, CancellationToken cancellationToken);
}

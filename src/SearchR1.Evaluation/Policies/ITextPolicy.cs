namespace SearchR1.Evaluation.Policies;

/// <summary>
/// A policy seen as text: "continue these conversations until one of these stop strings or N tokens".
/// A local model and a remote OpenAI-compatible server are interchangeable behind it, so the text-level
/// Search-R1 loop and the baselines run the same way on both.
/// </summary>
public interface ITextPolicy
{
    /// <summary>What the run manifest records as the model (a folder, or an endpoint and model name).</summary>
    string Description { get; }

    /// <summary>
    /// Continues each input once. The result keeps input order; a completion that stopped on a stop string ends
    /// with that string (servers that drop it are corrected by the backend), so callers can parse the text as
    /// the model wrote it.
    /// </summary>
    Task<IReadOnlyList<PolicyCompletion>> CompleteAsync(
        IReadOnlyList<PolicyInput> inputs, SamplingSettings settings, CancellationToken cancellationToken);
}

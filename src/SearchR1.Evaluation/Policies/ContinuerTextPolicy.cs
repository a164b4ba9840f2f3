namespace SearchR1.Evaluation.Policies;

/// <summary>
/// A text policy over a raw continuer: the user turn goes through the chat template (with the generation
/// prompt), the assistant's text so far is appended, and the whole is continued.
/// </summary>
public sealed class ContinuerTextPolicy(ITextContinuer continuer) : ITextPolicy
{
    public string Description => continuer.ModelId;

    public Task<IReadOnlyList<PolicyCompletion>> CompleteAsync(
        IReadOnlyList<PolicyInput> inputs, SamplingSettings settings, CancellationToken cancellationToken)
    {
        var texts = inputs.Select(i => continuer.RenderChat([new ChatTurn("user", i.UserMessage)], addGenerationPrompt: true) + i.AssistantPrefix)
            .ToList();
        return continuer.ContinueAsync(texts, settings, cancellationToken);
    }
}

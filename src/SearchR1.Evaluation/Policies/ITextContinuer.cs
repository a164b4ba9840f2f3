namespace SearchR1.Evaluation.Policies;

/// <summary>One message of a chat, as the chat template sees it.</summary>
public sealed record ChatTurn(string Role, string Content);

/// <summary>
/// The raw primitive under a local policy: "continue these texts until one of these stop strings or N tokens",
/// plus the model's chat template to turn messages into such a text. <c>searchr1 serve policy</c> exposes it
/// over HTTP; <see cref="ContinuerTextPolicy"/> turns it into an <see cref="ITextPolicy"/>.
/// </summary>
public interface ITextContinuer
{
    /// <summary>The name the server lists under <c>/v1/models</c>.</summary>
    string ModelId { get; }

    /// <summary>
    /// The chat-templated text of <paramref name="messages"/> (SPEC §1.1: the model folder's template, or the raw
    /// user text when it has none). With <paramref name="addGenerationPrompt"/>, ends where the assistant starts.
    /// </summary>
    string RenderChat(IReadOnlyList<ChatTurn> messages, bool addGenerationPrompt);

    /// <summary>Continues every text (a batch); stop strings stay in the returned text.</summary>
    Task<IReadOnlyList<PolicyCompletion>> ContinueAsync(
        IReadOnlyList<string> texts, SamplingSettings settings, CancellationToken cancellationToken);

    /// <summary>Tokens of a text, for the usage figures.</summary>
    int CountTokens(string text);
}

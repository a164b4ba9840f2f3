using SearchR1.Modeling.Generation;
using SearchR1.Modeling.Tokenization;
using SearchR1.Modeling.Transformer;

namespace SearchR1.Evaluation.Policies;

/// <summary>
/// A local model as a raw text continuer (what <c>searchr1 serve policy</c> serves): encode each text, generate
/// the batch in one KV-cache session until a stop string, end of sequence or the token limit, decode, and cut
/// right after the first stop string (the original keeps the text up to it, SPEC §2.3).
/// </summary>
public sealed class LocalModelContinuer(CausalLanguageModel model, HfTokenizer tokenizer, string modelId) : ITextContinuer
{
    private readonly Lock _gate = new();

    public string ModelId => modelId;

    public string RenderChat(IReadOnlyList<ChatTurn> messages, bool addGenerationPrompt) =>
        tokenizer.HasChatTemplate
            ? tokenizer.ApplyChatTemplate(messages.Select(m => new ChatMessage(m.Role, m.Content)).ToList(), addGenerationPrompt)
            : string.Join("\n", messages.Select(m => m.Content));

    public int CountTokens(string text) => tokenizer.Encode(text).Length;

    public Task<IReadOnlyList<PolicyCompletion>> ContinueAsync(
        IReadOnlyList<string> texts, SamplingSettings settings, CancellationToken cancellationToken) =>
        Task.Run(() => Continue(texts, settings, cancellationToken), cancellationToken);

    private IReadOnlyList<PolicyCompletion> Continue(IReadOnlyList<string> texts, SamplingSettings settings, CancellationToken cancellationToken)
    {
        if (texts.Count == 0)
        {
            return [];
        }
        cancellationToken.ThrowIfCancellationRequested();
        var prompts = texts.Select(t => (IReadOnlyList<int>)tokenizer.Encode(t)).ToList();
        var sampling = settings.Temperature <= 0
            ? SamplingOptions.Greedy
            : new SamplingOptions { Temperature = settings.Temperature, Seed = settings.Seed };
        var stops = settings.StopStrings.Where(s => s.Length > 0).ToList();
        var stop = new StopStrings(ids => tokenizer.Decode(ids, skipSpecialTokens: true), stops);
        IReadOnlyList<GeneratedTokens> outputs;
        // The model is not re-entrant: one batch at a time.
        lock (_gate)
        {
            using var session = GenerationSession.Start(model, prompts, sampling, prompts.Max(p => p.Count) + settings.MaxTokens, tokenizer.EosTokenIds);
            outputs = session.Generate(Enumerable.Range(0, texts.Count).ToArray(), settings.MaxTokens, stop);
        }
        return outputs.Select(o => Finish(o, stops)).ToList();
    }

    private PolicyCompletion Finish(GeneratedTokens output, List<string> stops)
    {
        string text = tokenizer.Decode(output.Tokens, skipSpecialTokens: true);
        int cut = -1;
        foreach (string stop in stops)
        {
            int at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (cut < 0 || at + stop.Length < cut))
            {
                cut = at + stop.Length;
            }
        }
        if (cut >= 0)
        {
            return new PolicyCompletion(text[..cut], output.Tokens.Length, CompletionFinish.StopString);
        }
        return new PolicyCompletion(text, output.Tokens.Length,
            output.Reason == StopReason.EndOfSequence ? CompletionFinish.EndOfSequence : CompletionFinish.Length);
    }
}

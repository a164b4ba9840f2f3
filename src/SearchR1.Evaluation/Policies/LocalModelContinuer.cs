using SearchR1.Modeling.Tokenization;
using SearchR1.Training.Rollout;
using RolloutSampling = SearchR1.Training.Rollout.SamplingSettings;

namespace SearchR1.Evaluation.Policies;

/// <summary>
/// A local model as a raw text continuer (what <c>searchr1 serve policy</c> serves): encode each text, generate
/// in one batch through the trainer's KV-cache policy until a stop string, end of sequence or the token limit,
/// decode, and cut right after the first stop string (the original keeps the text up to it, SPEC §2.3).
/// </summary>
public sealed class LocalModelContinuer(IRolloutPolicy policy, HfTokenizer tokenizer, string modelId) : ITextContinuer
{
    // A stop string is at most a handful of tokens; looking at the last few decoded tokens finds it without
    // decoding the whole continuation after every token.
    private const int StopWindowTokens = 32;

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
        var prompts = texts.Select(t => tokenizer.Encode(t)).ToList();
        var sampling = settings.Temperature <= 0
            ? RolloutSampling.GreedyDecoding
            : new RolloutSampling(Temperature: settings.Temperature, Seed: settings.Seed);
        var stops = settings.StopStrings.Where(s => s.Length > 0).ToList();
        var rows = Enumerable.Range(0, texts.Count).ToArray();
        IReadOnlyList<GeneratedSegment> outputs;
        // The model is not re-entrant: one batch at a time.
        lock (_gate)
        {
            using IRolloutSession session = policy.StartSession(prompts, sampling);
            outputs = session.Generate(rows, rows.Select(_ => settings.MaxTokens).ToArray(), (_, tokens) => HasStop(tokens, stops), cancellationToken);
        }
        return outputs.Select(o => Finish(o, stops)).ToList();
    }

    private bool HasStop(IReadOnlyList<int> tokens, List<string> stops)
    {
        if (stops.Count == 0)
        {
            return false;
        }
        string tail = tokenizer.Decode(tokens.Skip(Math.Max(0, tokens.Count - StopWindowTokens)), skipSpecialTokens: true);
        return stops.Any(s => tail.Contains(s, StringComparison.Ordinal));
    }

    private PolicyCompletion Finish(GeneratedSegment output, List<string> stops)
    {
        string text = tokenizer.Decode(output.TokenIds, skipSpecialTokens: true);
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
            return new PolicyCompletion(text[..cut], output.TokenIds.Length, CompletionFinish.StopString);
        }
        return new PolicyCompletion(text, output.TokenIds.Length, output.EndedWithEos ? CompletionFinish.EndOfSequence : CompletionFinish.Length);
    }
}

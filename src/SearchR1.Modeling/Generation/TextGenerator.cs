using SearchR1.Modeling.Transformer;

namespace SearchR1.Modeling.Generation;

/// <summary>One-shot generation: a batch of prompts in, their continuations out (a session opened and closed).</summary>
public static class TextGenerator
{
    public static IReadOnlyList<GeneratedTokens> Generate(CausalLanguageModel model, IReadOnlyList<IReadOnlyList<int>> prompts,
        int maxNewTokens, SamplingOptions sampling, IStopCondition? stop = null, IEnumerable<int>? eosTokenIds = null)
    {
        int maxTotal = prompts.Max(p => p.Count) + Math.Max(0, maxNewTokens);
        using var session = GenerationSession.Start(model, prompts, sampling, maxTotal, eosTokenIds);
        return session.Generate(Enumerable.Range(0, prompts.Count).ToList(), maxNewTokens, stop);
    }
}

using SearchR1.Modeling.Generation;
using SearchR1.Modeling.Transformer;

namespace SearchR1.Training.Rollout;

/// <summary>
/// A local TorchSharp language model as a rollout policy, over the model's KV-cache <see cref="GenerationSession"/>:
/// rows keep their cache between turns, observations are appended without recomputing the context, finished
/// rows are released. <paramref name="maxTotalTokens"/> caps each row's context (rollout.max_prompt_length).
/// </summary>
public sealed class ModelRolloutPolicy(CausalLanguageModel model, int maxTotalTokens, IEnumerable<int>? eosTokenIds = null) : IRolloutPolicy
{
    private readonly int[]? _eos = eosTokenIds?.ToArray();

    public IRolloutSession StartSession(IReadOnlyList<int[]> prompts, SamplingSettings sampling)
    {
        var options = new SamplingOptions
        {
            Temperature = sampling.Greedy ? 0 : sampling.Temperature,
            TopP = sampling.TopP,
            TopK = sampling.TopK,
            Seed = sampling.Seed,
        };
        return new Session(GenerationSession.Start(model, prompts, options, maxTotalTokens, _eos));
    }

    private sealed class Session(GenerationSession session) : IRolloutSession
    {
        public IReadOnlyList<GeneratedSegment> Generate(
            IReadOnlyList<int> rows, IReadOnlyList<int> maxNewTokens, Func<int, IReadOnlyList<int>, bool> shouldStop, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            using var noGrad = TorchSharp.torch.no_grad(); // sampling never needs a graph, even with a trainable actor
            var budget = new Dictionary<int, int>();
            for (int i = 0; i < rows.Count; i++)
            {
                budget[rows[i]] = maxNewTokens[i];
            }
            var stop = new RowStop(budget, shouldStop);
            var outputs = session.Generate(rows, maxNewTokens.Max(), stop);
            return outputs.Select(o => new GeneratedSegment(o.Tokens, o.LogProbs, o.Reason == StopReason.EndOfSequence)).ToArray();
        }

        public void Append(int row, ReadOnlySpan<int> tokens) => session.Append(row, tokens.ToArray());

        public void Release(int row) => session.Release([row]);

        public void Dispose() => session.Dispose();
    }

    // Per-row token budgets on top of the caller's stop test (the session takes one budget per call).
    private sealed class RowStop(Dictionary<int, int> budget, Func<int, IReadOnlyList<int>, bool> shouldStop) : IStopCondition
    {
        public bool ShouldStop(int row, IReadOnlyList<int> newTokens) =>
            shouldStop(row, newTokens) | newTokens.Count >= budget[row];
    }
}

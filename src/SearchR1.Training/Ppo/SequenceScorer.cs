using SearchR1.Modeling.Transformer;
using static TorchSharp.torch;

namespace SearchR1.Training.Ppo;

/// <summary>
/// Forward passes over trajectories (SPEC §5.3): the logits at positions <c>[-L-1 : -1]</c> score the L response
/// tokens; the critic's values at the same positions are the values of the states before each response token.
/// </summary>
public static class SequenceScorer
{
    /// <summary>Response logits [b, r, V] in float32, divided by the temperature; with grad when enabled.</summary>
    public static Tensor ResponseLogits(CausalLanguageModel model, MicroBatch micro, double temperature)
    {
        var hidden = model.model.Run(micro.InputIds, micro.AttentionMask, micro.PositionIds());
        var states = hidden[.., (micro.PromptWidth - 1)..(micro.PromptWidth + micro.ResponseWidth - 1)];
        var logits = model.Logits(states).to(float32);
        return temperature == 1.0 ? logits : logits / temperature;
    }

    /// <summary>Response values [b, r] (× response mask); with grad when enabled.</summary>
    public static Tensor ResponseValues(ValueModel critic, MicroBatch micro)
    {
        var values = critic.forward(micro.InputIds, micro.AttentionMask, micro.PositionIds()).to(float32);
        return values[.., (micro.PromptWidth - 1)..(micro.PromptWidth + micro.ResponseWidth - 1)] * micro.ResponseMask;
    }

    /// <summary>log π(response token) for the whole batch without grad: [B, R] (0 on pads).</summary>
    public static Tensor LogProbs(CausalLanguageModel model, TrajectoryBatch batch, int microBatchSize, double temperature)
    {
        using var _ = no_grad();
        var result = zeros(batch.Count, batch.ResponseWidth, dtype: float32, device: batch.InputIds.device);
        for (int start = 0; start < batch.Count; start += microBatchSize)
        {
            using var scope = NewDisposeScope();
            var micro = batch.Slice(start, Math.Min(microBatchSize, batch.Count - start));
            var logits = ResponseLogits(model, micro, temperature);
            var logProbs = Algorithms.CoreAlgos.LogProbsFromLogits(logits, micro.Responses) * micro.ResponseMask;
            result[start..(start + micro.Count), ..micro.ResponseWidth] = logProbs;
        }
        return result;
    }

    /// <summary>Critic values for the whole batch without grad: [B, R] (0 on pads).</summary>
    public static Tensor Values(ValueModel critic, TrajectoryBatch batch, int microBatchSize)
    {
        using var _ = no_grad();
        var result = zeros(batch.Count, batch.ResponseWidth, dtype: float32, device: batch.InputIds.device);
        for (int start = 0; start < batch.Count; start += microBatchSize)
        {
            using var scope = NewDisposeScope();
            var micro = batch.Slice(start, Math.Min(microBatchSize, batch.Count - start));
            result[start..(start + micro.Count), ..micro.ResponseWidth] = ResponseValues(critic, micro);
        }
        return result;
    }
}

using SearchR1.Modeling.Transformer;
using SearchR1.Training.Algorithms;
using SearchR1.Training.Configuration;
using TorchSharp;
using static TorchSharp.torch;

namespace SearchR1.Training.Ppo;

/// <summary>
/// The critic update of one training step (verl <c>dp_critic.update_critic</c>): clipped value loss over the FULL
/// response attention mask (observation tokens included), gradient accumulation, norm clipping, one AdamW step
/// per mini-batch.
/// </summary>
public sealed class ValueUpdate : IDisposable
{
    private readonly ValueModel _critic;
    private readonly CriticConfig _config;
    private readonly int _microBatchSize;
    private readonly int _epochs;
    private readonly double _gradClip;
    private readonly LearningRateSchedule _schedule;

    public ValueUpdate(ValueModel critic, CriticConfig config, ActorConfig actor, OptimizerConfig optimizer, int totalSteps)
    {
        _critic = critic;
        _config = config;
        _microBatchSize = config.MicroBatchSize;
        _epochs = actor.PpoEpochs;
        _gradClip = optimizer.GradClip;
        _schedule = new LearningRateSchedule(optimizer.CriticLr, optimizer.CriticWarmupRatio, totalSteps);
        Optimizer = optim.AdamW(critic.parameters(), optimizer.CriticLr, optimizer.Beta1, optimizer.Beta2, optimizer.Eps, optimizer.WeightDecay);
    }

    /// <summary>AdamW over every critic parameter.</summary>
    public TorchSharp.Modules.AdamW Optimizer { get; }

    /// <summary>Updates the critic. oldValues, returns: [B, R]. Returns averaged metrics.</summary>
    public Dictionary<string, double> Update(TrajectoryBatch batch, Tensor oldValues, Tensor returns, int rowsPerMiniBatch, int step)
    {
        double lr = _schedule.At(step);
        foreach (var group in Optimizer.ParamGroups)
        {
            group.LearningRate = lr;
        }
        var sums = new MetricAccumulator();
        _critic.train();
        for (int epoch = 0; epoch < _epochs; epoch++)
        {
            for (int miniStart = 0; miniStart < batch.Count; miniStart += rowsPerMiniBatch)
            {
                int miniRows = Math.Min(rowsPerMiniBatch, batch.Count - miniStart);
                int accumulation = (miniRows + _microBatchSize - 1) / _microBatchSize;
                Optimizer.zero_grad();
                for (int start = miniStart; start < miniStart + miniRows; start += _microBatchSize)
                {
                    using var scope = NewDisposeScope();
                    var micro = batch.Slice(start, Math.Min(_microBatchSize, miniStart + miniRows - start));
                    var values = SequenceScorer.ResponseValues(_critic, micro);
                    var (loss, clipFraction) = CoreAlgos.ValueLoss(values, micro.Cut(returns), micro.Cut(oldValues),
                        micro.ResponseMask, _config.ClipRangeValue);
                    (loss / accumulation).backward();
                    sums.Add("critic/vf_loss", loss.item<float>());
                    sums.Add("critic/vf_clipfrac", clipFraction.item<float>());
                    sums.Add("critic/vpred_mean", CoreAlgos.MaskedMean(values, micro.ResponseMask).item<float>());
                }
                double norm = nn.utils.clip_grad_norm_(_critic.parameters(), _gradClip);
                sums.Add("critic/grad_norm", norm);
                if (double.IsFinite(norm))
                {
                    Optimizer.step();
                }
                Optimizer.zero_grad();
            }
        }
        var metrics = sums.Means();
        metrics["critic/lr"] = lr;
        return metrics;
    }

    public void Dispose() => Optimizer.Dispose();
}

using SearchR1.Modeling.Transformer;
using SearchR1.Training.Algorithms;
using SearchR1.Training.Configuration;
using TorchSharp;
using static TorchSharp.torch;

namespace SearchR1.Training.Ppo;

/// <summary>
/// The actor update of one training step (verl <c>dp_actor.update_policy</c>): for each mini-batch, accumulate
/// the gradient of the actor loss over micro-batches (each loss divided by the number of accumulation steps),
/// clip the global norm, and take one AdamW step.
/// </summary>
public sealed class PolicyUpdate : IDisposable
{
    private readonly CausalLanguageModel _actor;
    private readonly ActorConfig _config;
    private readonly double _gradClip;
    private readonly double _temperature;
    private readonly LearningRateSchedule _schedule;

    public PolicyUpdate(CausalLanguageModel actor, ActorConfig config, OptimizerConfig optimizer, int totalSteps, double temperature)
    {
        _actor = actor;
        _config = config;
        _gradClip = optimizer.GradClip;
        _temperature = temperature;
        _schedule = new LearningRateSchedule(optimizer.ActorLr, optimizer.ActorWarmupRatio, totalSteps);
        Optimizer = optim.AdamW(actor.parameters(), optimizer.ActorLr, optimizer.Beta1, optimizer.Beta2, optimizer.Eps, optimizer.WeightDecay);
    }

    /// <summary>AdamW over every actor parameter (its state is checkpointed).</summary>
    public TorchSharp.Modules.AdamW Optimizer { get; }

    /// <summary>
    /// Updates the actor on a rollout batch. oldLogProbs, advantages, lossMask: [B, R]; refLogProbs: [B, R] when the KL
    /// loss is on. <paramref name="rowsPerMiniBatch"/> = mini_batch_size × n. Returns averaged metrics.
    /// </summary>
    public Dictionary<string, double> Update(TrajectoryBatch batch, Tensor oldLogProbs, Tensor? refLogProbs, Tensor advantages,
        Tensor lossMask, int rowsPerMiniBatch, int step, Generator? shuffle = null)
    {
        double lr = _schedule.At(step);
        foreach (var group in Optimizer.ParamGroups)
        {
            group.LearningRate = lr;
        }
        var settings = new ActorLossSettings(_config.ClipRatio, _config.EntropyCoeff,
            _config.UseKlLoss ? _config.KlLossCoef : 0, KlEstimatorNames.Parse(_config.KlLossType));
        var sums = new MetricAccumulator();
        _actor.train();
        for (int epoch = 0; epoch < _config.PpoEpochs; epoch++)
        {
            for (int miniStart = 0; miniStart < batch.Count; miniStart += rowsPerMiniBatch)
            {
                int miniRows = Math.Min(rowsPerMiniBatch, batch.Count - miniStart);
                int accumulation = (miniRows + _config.MicroBatchSize - 1) / _config.MicroBatchSize;
                Optimizer.zero_grad();
                for (int start = miniStart; start < miniStart + miniRows; start += _config.MicroBatchSize)
                {
                    using var scope = NewDisposeScope();
                    var micro = batch.Slice(start, Math.Min(_config.MicroBatchSize, miniStart + miniRows - start));
                    var logits = SequenceScorer.ResponseLogits(_actor, micro, _temperature);
                    var terms = ActorObjective.Compute(logits, micro.Responses, micro.Cut(oldLogProbs),
                        refLogProbs is null ? null : micro.Cut(refLogProbs), micro.Cut(advantages), micro.Cut(lossMask), settings);
                    (terms.Loss / accumulation).backward();
                    sums.Add("actor/pg_loss", terms.PolicyLoss.item<float>());
                    sums.Add("actor/entropy", terms.Entropy.item<float>());
                    sums.Add("actor/kl_loss", terms.KlLoss.item<float>());
                    sums.Add("actor/pg_clipfrac", terms.ClipFraction.item<float>());
                    sums.Add("actor/ppo_kl", terms.ApproxKl.item<float>());
                }
                double norm = nn.utils.clip_grad_norm_(_actor.parameters(), _gradClip);
                sums.Add("actor/grad_norm", norm);
                if (double.IsFinite(norm))
                {
                    Optimizer.step(); // a non-finite norm skips the step, as verl does
                }
                Optimizer.zero_grad();
            }
        }
        var metrics = sums.Means();
        metrics["actor/lr"] = lr;
        return metrics;
    }

    public void Dispose() => Optimizer.Dispose();
}

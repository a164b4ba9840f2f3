using System.Diagnostics;
using SearchR1.Core.Protocol;
using SearchR1.Modeling.Configuration;
using SearchR1.Modeling.Transformer;
using SearchR1.Training.Algorithms;
using SearchR1.Training.Configuration;
using SearchR1.Training.Ppo;
using static TorchSharp.torch;

namespace SearchR1.Training.Bench;

/// <summary>What <see cref="TrainStepBenchmark"/> measures.</summary>
/// <param name="Shape">A model shape name (<c>ModelShapes</c>: tiny, qwen2.5-0.5b, qwen2.5-3b, …).</param>
/// <param name="Batch">Trajectories per step.</param>
/// <param name="PromptLength">Prompt tokens per trajectory.</param>
/// <param name="ResponseLength">Response tokens per trajectory (a quarter of them observation tokens).</param>
/// <param name="MicroBatch">Trajectories per forward/backward.</param>
/// <param name="Precision">fp32-master or bf16.</param>
/// <param name="GradientCheckpointing">Recompute layers in the backward pass.</param>
/// <param name="WithCritic">PPO (actor + critic + reference) or GRPO-like (actor + reference).</param>
/// <param name="Steps">Measured steps (after one warm-up step).</param>
public sealed record TrainStepBenchmarkOptions(
    string Shape = "tiny", int Batch = 8, int PromptLength = 256, int ResponseLength = 768, int MicroBatch = 8,
    string Precision = "bf16", bool GradientCheckpointing = true, bool WithCritic = true, int Steps = 3);

/// <summary>Seconds per phase (mean over the measured steps) and throughput.</summary>
public sealed record TrainStepBenchmarkResult(IReadOnlyDictionary<string, double> SecondsPerPhase, double TokensPerSecond, long Parameters);

/// <summary>
/// The training step without the rollout, on random weights and synthetic trajectories of a given shape: old
/// log-probs, reference log-probs, values, GAE, critic update and actor update, the same code as training.
/// Generation speed is measured by <c>searchr1 bench generate</c>.
/// </summary>
public static class TrainStepBenchmark
{
    public static TrainStepBenchmarkResult Run(TrainStepBenchmarkOptions options, Device device, Action<string>? log = null)
    {
        ModelConfig shape = ModelShapes.Get(options.Shape);
        ScalarType weights = options.Precision == "bf16" ? bfloat16 : float32;
        ScalarType compute = device.type == TorchSharp.DeviceType.CUDA || options.Precision == "bf16" ? bfloat16 : float32;
        manual_seed(1);
        using var actor = new CausalLanguageModel(shape, device, weights) { ComputeType = compute, ActivationCheckpointing = options.GradientCheckpointing };
        actor.InitializeRandom();
        using var reference = new CausalLanguageModel(shape, device, bfloat16) { ComputeType = bfloat16 };
        reference.InitializeRandom();
        using var critic = options.WithCritic ? new ValueModel(shape, device, weights) { ComputeType = compute, ActivationCheckpointing = options.GradientCheckpointing } : null;
        critic?.InitializeRandom();
        long parameters = actor.parameters().Sum(p => p.numel());
        log?.Invoke($"{options.Shape}: {parameters / 1e6:0.0}M parameters, {options.Precision} weights, {compute} compute, on {device}");

        var config = TrainingConfig.Ppo with
        {
            Actor = TrainingConfig.Ppo.Actor with { MicroBatchSize = options.MicroBatch, MiniBatchSize = options.Batch },
            Critic = TrainingConfig.Ppo.Critic with { MicroBatchSize = options.MicroBatch },
            Optimizer = TrainingConfig.Ppo.Optimizer with { ActorWarmupRatio = 0, CriticWarmupRatio = 0 },
        };
        using var actorUpdate = new PolicyUpdate(actor, config.Actor, config.Optimizer, totalSteps: 100, temperature: 1.0);
        using var criticUpdate = critic is null ? null : new ValueUpdate(critic, config.Critic, config.Actor, config.Optimizer, totalSteps: 100);

        var sums = new Dictionary<string, double>();
        for (int step = 0; step <= options.Steps; step++)
        {
            using var scope = NewDisposeScope();
            var batch = TrajectoryBatch.From(Synthetic(options, shape.VocabSize, seed: step), padId: 0, device);
            var lossMask = ResponseMasks.LossMask(batch.ResponseMask, batch.ObservationMask, maskObservations: true);
            var phases = new Dictionary<string, double>();
            var oldLogProbs = Time(phases, "old_log_prob", device, () => SequenceScorer.LogProbs(actor, batch, options.MicroBatch, 1.0));
            var refLogProbs = Time(phases, "ref", device, () => SequenceScorer.LogProbs(reference, batch, options.MicroBatch, 1.0));
            var values = critic is null ? zeros_like(oldLogProbs) : Time(phases, "values", device, () => SequenceScorer.Values(critic, batch, options.MicroBatch));
            var scores = SequenceRewards.TokenLevel(Enumerable.Range(0, batch.Count).Select(i => (double)(i % 2)).ToArray(), batch.ResponseLengths, batch.ResponseWidth, device);
            var (rewards, _) = CoreAlgos.ApplyKlPenalty(scores, oldLogProbs, refLogProbs, lossMask, 0.001, KlEstimator.K1);
            var (advantages, returns) = CoreAlgos.GaeAdvantageReturn(rewards, values, batch.ResponseMask, 1, 1);
            if (criticUpdate is not null)
            {
                Time(phases, "update_critic", device, () => criticUpdate.Update(batch, values, returns, options.Batch, step));
            }
            Time(phases, "update_actor", device, () => actorUpdate.Update(batch, oldLogProbs, null, advantages, lossMask, options.Batch, step));
            if (step > 0)
            {
                foreach (var (phase, seconds) in phases)
                {
                    sums[phase] = sums.GetValueOrDefault(phase) + seconds / options.Steps;
                }
            }
        }
        double total = sums.Values.Sum();
        sums["step"] = total;
        return new TrainStepBenchmarkResult(sums, options.Batch * (double)(options.PromptLength + options.ResponseLength) / total, parameters);
    }

    private static Trajectory[] Synthetic(TrainStepBenchmarkOptions options, int vocab, int seed)
    {
        var random = new Random(seed);
        int[] Ids(int n) => Enumerable.Range(0, n).Select(_ => random.Next(vocab)).ToArray();
        return Enumerable.Range(0, options.Batch).Select(_ =>
        {
            var t = new Trajectory(Ids(options.PromptLength));
            int quarter = options.ResponseLength / 4;
            t.AppendPolicy(Ids(quarter), 1, Enumerable.Repeat(-1f, quarter).ToArray());
            t.AppendObservation(Ids(quarter), 1);
            int rest = options.ResponseLength - 2 * quarter;
            t.AppendPolicy(Ids(rest), 2, Enumerable.Repeat(-1f, rest).ToArray());
            return t;
        }).ToArray();
    }

    private static T Time<T>(Dictionary<string, double> phases, string name, Device device, Func<T> run)
    {
        Synchronize(device);
        var clock = Stopwatch.StartNew();
        T result = run();
        Synchronize(device);
        phases[name] = clock.Elapsed.TotalSeconds;
        return result;
    }

    private static void Synchronize(Device device)
    {
        if (device.type == TorchSharp.DeviceType.CUDA)
        {
            cuda.synchronize(device);
        }
    }
}

using System.Diagnostics;
using SearchR1.Core.Rewards;
using SearchR1.Modeling.Tokenization;
using SearchR1.Retrieval;
using SearchR1.Training.Algorithms;
using SearchR1.Training.Configuration;
using SearchR1.Training.Rollout;
using static TorchSharp.torch;

namespace SearchR1.Training.Ppo;

/// <summary>
/// One PPO / GRPO training step of Search-R1 (SPEC §5.2), top to bottom in <see cref="StepAsync"/>, and validation.
/// Owns the optimisers; the models are given (see <see cref="TrainingModels"/>).
/// </summary>
public sealed class PpoTrainer : IDisposable
{
    private readonly TrainingConfig _config;
    private readonly TrainingModels _models;
    private readonly HfTokenizer _tokenizer;
    private readonly IRetriever? _retriever;
    private readonly IRewardFunction _reward;
    private readonly IRolloutPolicy _policy;
    private readonly double _temperature;

    public PpoTrainer(TrainingConfig config, TrainingModels models, HfTokenizer tokenizer, IRetriever? retriever, IRewardFunction reward)
    {
        _config = config;
        _models = models;
        _tokenizer = tokenizer;
        _retriever = retriever;
        _reward = reward;
        _policy = new ModelRolloutPolicy(models.Actor, config.Rollout.MaxPromptLength, tokenizer.EosTokenIds);
        _temperature = config.Rollout.Temperature > 0 ? config.Rollout.Temperature : 1.0;
        ActorUpdate = new PolicyUpdate(models.Actor, config.Actor, config.Optimizer, config.Trainer.TotalSteps, _temperature);
        CriticUpdate = models.Critic is null ? null
            : new ValueUpdate(models.Critic, config.Critic, config.Actor, config.Optimizer, config.Trainer.TotalSteps);
    }

    /// <summary>The actor's optimiser and schedule.</summary>
    public PolicyUpdate ActorUpdate { get; }

    /// <summary>The critic's optimiser and schedule (PPO only).</summary>
    public ValueUpdate? CriticUpdate { get; }

    /// <summary>Runs training step <paramref name="step"/> (0-based) on a batch of prompts; returns its metrics.</summary>
    public async Task<Dictionary<string, double>> StepAsync(IReadOnlyList<TrainingPrompt> prompts, int step, CancellationToken ct = default)
    {
        var metrics = new Dictionary<string, double>();
        var total = Stopwatch.StartNew();
        var device = _models.Actor.Device;

        // 1-2. Each prompt n times, adjacent (one GRPO group), then the multi-turn rollout.
        var samples = prompts.SelectMany(p => Enumerable.Repeat(p, _config.Rollout.N)).ToArray();
        var options = RolloutOptions.From(_config);
        options = options with { Sampling = options.Sampling with { Seed = SamplingSeed(step) } };
        _models.Actor.eval();
        var rollout = await SearchRollout.RunAsync(_policy, _tokenizer, _retriever, samples.Select(s => s.Prompt).ToArray(), options, ct)
            .ConfigureAwait(false);
        Merge(metrics, rollout.Metrics());

        using var scope = NewDisposeScope();
        var batch = TrajectoryBatch.From(rollout.Rows.Select(r => r.Trajectory).ToArray(), _tokenizer.PadTokenId, device);
        var lossMask = ResponseMasks.LossMask(batch.ResponseMask, batch.ObservationMask, _config.Algorithm.MaskObservations);

        // 3-5. Old log-probs (actor, no grad), reference log-probs, values.
        var oldLogProbs = Timed(metrics, "old_log_prob", () => SequenceScorer.LogProbs(_models.Actor, batch, _config.Actor.MicroBatchSize, _temperature));
        var refLogProbs = _models.Reference is null ? null
            : Timed(metrics, "ref", () => SequenceScorer.LogProbs(_models.Reference, batch, _config.Reference.MicroBatchSize, _temperature));
        var values = _models.Critic is null ? null
            : Timed(metrics, "values", () => SequenceScorer.Values(_models.Critic, batch, _config.Critic.MicroBatchSize));

        // 6. Scores on the decoded full sequence, placed on the last response token.
        var (scores, exactMatch) = SequenceRewards.Score(rollout.Rows, samples.Select(s => s.GoldenAnswers).ToArray(), _tokenizer, _reward);
        var tokenScores = SequenceRewards.TokenLevel(scores, batch.ResponseLengths, batch.ResponseWidth, device);

        // 7. PPO: rewards = scores − β·KL(old ‖ ref) on policy tokens. GRPO: rewards = scores.
        var rewards = tokenScores;
        if (_config.Algorithm.UseKlInReward && refLogProbs is not null)
        {
            (rewards, var meanKl) = CoreAlgos.ApplyKlPenalty(tokenScores, oldLogProbs, refLogProbs, lossMask,
                _config.Algorithm.KlCoef, KlEstimatorNames.Parse(_config.Algorithm.KlPenalty));
            metrics["critic/kl"] = meanKl.item<float>();
            metrics["critic/kl_coeff"] = _config.Algorithm.KlCoef;
        }

        // 8. Advantages: GAE over the response attention mask, or group-normalised outcomes.
        var (advantages, returns) = values is not null
            ? CoreAlgos.GaeAdvantageReturn(rewards, values, batch.ResponseMask, _config.Algorithm.Gamma, _config.Algorithm.Lam)
            : CoreAlgos.GrpoOutcomeAdvantage(rewards, batch.ResponseMask, samples.Select(s => s.Id).ToArray());

        // 9-10. Critic, then actor.
        int rowsPerMiniBatch = _config.Actor.MiniBatchSize * _config.Rollout.N;
        if (CriticUpdate is not null && values is not null)
        {
            Merge(metrics, Timed(metrics, "update_critic", () => CriticUpdate.Update(batch, values, returns, rowsPerMiniBatch, step)));
        }
        Merge(metrics, Timed(metrics, "update_actor",
            () => ActorUpdate.Update(batch, oldLogProbs, _config.Actor.UseKlLoss ? refLogProbs : null, advantages, lossMask, rowsPerMiniBatch, step)));

        metrics["critic/score/mean"] = scores.Average();
        metrics["critic/score/max"] = scores.Max();
        metrics["critic/score/min"] = scores.Min();
        metrics["train/em"] = exactMatch.Average();
        metrics["critic/rewards/mean"] = rewards.sum(1).mean().item<float>();
        metrics["critic/advantages/mean"] = CoreAlgos.MaskedMean(advantages, batch.ResponseMask).item<float>();
        metrics["critic/returns/mean"] = CoreAlgos.MaskedMean(returns, batch.ResponseMask).item<float>();
        if (values is not null)
        {
            metrics["critic/values/mean"] = CoreAlgos.MaskedMean(values, batch.ResponseMask).item<float>();
        }
        metrics["prompt_length/mean"] = batch.PromptLengths.Average();
        metrics["env/searches_per_answer"] = SearchesPerAnswer(rollout);
        metrics["timing_s/step"] = total.Elapsed.TotalSeconds;
        metrics["perf/tokens_per_s"] = (batch.PromptLengths.Sum() + (double)batch.ResponseLengths.Sum()) / total.Elapsed.TotalSeconds;
        return metrics;
    }

    /// <summary>
    /// Validation: a rollout over <paramref name="prompts"/> (greedy unless configured otherwise) scored with the
    /// training reward; reports the mean per data source (<c>val/test_score/{source}</c>) and overall.
    /// </summary>
    public async Task<Dictionary<string, double>> ValidateAsync(IReadOnlyList<TrainingPrompt> prompts, CancellationToken ct = default)
    {
        var metrics = new Dictionary<string, double>();
        var scores = new List<(string Source, double Score, double Em)>();
        var options = RolloutOptions.From(_config, validation: true);
        options = options with { Sampling = options.Sampling with { Seed = SamplingSeed(-1) } };
        _models.Actor.eval();
        double searches = 0;
        for (int start = 0; start < prompts.Count; start += _config.Data.ValBatchSize)
        {
            var part = prompts.Skip(start).Take(_config.Data.ValBatchSize).ToArray();
            var rollout = await SearchRollout.RunAsync(_policy, _tokenizer, _retriever, part.Select(p => p.Prompt).ToArray(), options, ct)
                .ConfigureAwait(false);
            var (s, em) = SequenceRewards.Score(rollout.Rows, part.Select(p => p.GoldenAnswers).ToArray(), _tokenizer, _reward);
            scores.AddRange(part.Select((p, i) => (p.DataSource, s[i], em[i])));
            searches += rollout.Rows.Sum(r => r.ExecutedSearches);
        }
        if (scores.Count == 0)
        {
            return metrics;
        }
        foreach (var group in scores.GroupBy(s => s.Source))
        {
            metrics[$"val/test_score/{group.Key}"] = group.Average(s => s.Score);
        }
        metrics["val/test_score/mean"] = scores.Average(s => s.Score);
        metrics["val/em"] = scores.Average(s => s.Em);
        metrics["val/searches_per_question"] = searches / scores.Count;
        return metrics;
    }

    /// <summary>The sampling seed of a step: fixed by trainer.seed, so a resumed run samples what the uninterrupted one did.</summary>
    public long SamplingSeed(int step) => _config.Trainer.Seed * 1_000_003L + step + 1;

    private static double SearchesPerAnswer(RolloutResult rollout)
    {
        int answered = rollout.Rows.Count(r => r.Finished);
        return answered == 0 ? 0 : rollout.Rows.Where(r => r.Finished).Sum(r => r.ExecutedSearches) / (double)answered;
    }

    private static T Timed<T>(Dictionary<string, double> metrics, string phase, Func<T> run)
    {
        var clock = Stopwatch.StartNew();
        T result = run();
        metrics[$"timing_s/{phase}"] = clock.Elapsed.TotalSeconds;
        return result;
    }

    private static void Merge(Dictionary<string, double> into, IReadOnlyDictionary<string, double> from)
    {
        foreach (var (key, value) in from)
        {
            into[key] = value;
        }
    }

    public void Dispose()
    {
        ActorUpdate.Dispose();
        CriticUpdate?.Dispose();
    }
}

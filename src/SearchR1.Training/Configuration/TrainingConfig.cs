using YamlDotNet.Serialization;

namespace SearchR1.Training.Configuration;

/// <summary>
/// Everything a training run reads, one record per component. Defaults are the paper's PPO settings (SPEC §5.1,
/// §2.1); <see cref="Grpo"/> holds the GRPO ones. Loaded by <see cref="TrainingConfigLoader"/> from YAML
/// (<c>actor: {micro_batch_size: 8}</c>), overridable as <c>--set actor.micro_batch_size=8</c>, and written
/// next to every checkpoint.
/// </summary>
public sealed record TrainingConfig
{
    /// <summary>Training and validation data.</summary>
    public DataConfig Data { get; init; } = new();

    /// <summary>The policy and its update.</summary>
    public ActorConfig Actor { get; init; } = new();

    /// <summary>The value model (PPO).</summary>
    public CriticConfig Critic { get; init; } = new();

    /// <summary>The frozen reference policy.</summary>
    public ReferenceConfig Reference { get; init; } = new();

    /// <summary>The multi-turn rollout.</summary>
    public RolloutConfig Rollout { get; init; } = new();

    /// <summary>The search engine.</summary>
    public RetrieverConfig Retriever { get; init; } = new();

    /// <summary>Advantages, reward, KL and masking.</summary>
    public AlgorithmConfig Algorithm { get; init; } = new();

    /// <summary>AdamW and the lr schedule.</summary>
    public OptimizerConfig Optimizer { get; init; } = new();

    /// <summary>Run length, cadence, outputs.</summary>
    public TrainerConfig Trainer { get; init; } = new();

    /// <summary>The paper's PPO run (the defaults).</summary>
    public static TrainingConfig Ppo { get; } = new();

    /// <summary>The paper's GRPO run: 5 samples per prompt, top-p 0.95, KL as a low_var_kl loss instead of in the reward.</summary>
    public static TrainingConfig Grpo { get; } = new()
    {
        Rollout = new RolloutConfig { N = 5, TopP = 0.95 },
        Algorithm = new AlgorithmConfig { AdvEstimator = "grpo", UseKlInReward = false },
        Actor = new ActorConfig { UseKlLoss = true },
    };

    /// <summary>True when the advantage estimator needs a critic.</summary>
    [YamlIgnore]
    public bool UsesCritic => Algorithm.AdvEstimator == "gae";

    /// <summary>True when reference log-probs are needed (a KL term is on).</summary>
    [YamlIgnore]
    public bool UsesReference => Algorithm.UseKlInReward || Actor.UseKlLoss;

    /// <summary>Every inconsistency, as "section.key: what is wrong" lines (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Require(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add(message);
            }
        }
        string[] klTypes = ["kl", "abs", "mse", "low_var_kl"];

        Require(Data.TrainBatchSize > 0, $"data.train_batch_size: expected a positive number, got {Data.TrainBatchSize}");
        Require(Data.ValBatchSize > 0, $"data.val_batch_size: expected a positive number, got {Data.ValBatchSize}");
        Require(Data.ValMaxExamples >= 0, $"data.val_max_examples: expected 0 (all) or more, got {Data.ValMaxExamples}");
        Require(Data.PromptTemplate is "search-r1" or "r1", $"data.prompt_template: expected search-r1 or r1, got '{Data.PromptTemplate}'");

        Require(Actor.Precision is "fp32-master" or "bf16", $"actor.precision: expected fp32-master or bf16, got '{Actor.Precision}'");
        Require(Critic.Precision is "fp32-master" or "bf16", $"critic.precision: expected fp32-master or bf16, got '{Critic.Precision}'");
        Require(Reference.Dtype is "bf16" or "fp32", $"reference.dtype: expected bf16 or fp32, got '{Reference.Dtype}'");
        Require(Actor.MiniBatchSize > 0 && Actor.MicroBatchSize > 0 && Critic.MicroBatchSize > 0 && Reference.MicroBatchSize > 0,
            "actor.mini_batch_size, actor.micro_batch_size, critic.micro_batch_size, reference.micro_batch_size: expected positive numbers");
        Require(Actor.MiniBatchSize <= 0 || Data.TrainBatchSize % Actor.MiniBatchSize == 0,
            $"actor.mini_batch_size: expected a divisor of data.train_batch_size ({Data.TrainBatchSize}), got {Actor.MiniBatchSize}");
        Require(Actor.MicroBatchSize <= 0 || Actor.MiniBatchSize * Rollout.N % Actor.MicroBatchSize == 0,
            $"actor.micro_batch_size: expected a divisor of mini_batch_size × rollout.n ({Actor.MiniBatchSize * Rollout.N}), got {Actor.MicroBatchSize}");
        Require(Actor.PpoEpochs > 0, $"actor.ppo_epochs: expected a positive number, got {Actor.PpoEpochs}");
        Require(Actor.ClipRatio > 0, $"actor.clip_ratio: expected a positive number, got {Actor.ClipRatio}");
        Require(klTypes.Contains(Actor.KlLossType), $"actor.kl_loss_type: expected one of {string.Join(", ", klTypes)}, got '{Actor.KlLossType}'");
        Require(Critic.ClipRangeValue > 0, $"critic.clip_range_value: expected a positive number, got {Critic.ClipRangeValue}");

        Require(Rollout.MaxTurns >= 0, $"rollout.max_turns: expected 0 or more, got {Rollout.MaxTurns}");
        Require(Rollout.MaxStartLength > 0 && Rollout.MaxStartLength <= Rollout.MaxPromptLength,
            $"rollout.max_start_length: expected 1..max_prompt_length ({Rollout.MaxPromptLength}), got {Rollout.MaxStartLength}");
        Require(Rollout.MaxResponseLength > 0, $"rollout.max_response_length: expected a positive number, got {Rollout.MaxResponseLength}");
        Require(Rollout.MaxObsLength >= 0, $"rollout.max_obs_length: expected 0 or more, got {Rollout.MaxObsLength}");
        Require(Rollout.N > 0, $"rollout.n: expected a positive number, got {Rollout.N}");
        Require(Rollout.Temperature >= 0, $"rollout.temperature: expected 0 or more, got {Rollout.Temperature}");
        Require(Rollout.TopP > 0 && Rollout.TopP <= 1, $"rollout.top_p: expected a number in (0, 1], got {Rollout.TopP}");
        Require(Rollout.TopK >= 0, $"rollout.top_k: expected 0 (off) or more, got {Rollout.TopK}");
        Require(Retriever.TopK > 0, $"retriever.top_k: expected a positive number, got {Retriever.TopK}");

        Require(Algorithm.AdvEstimator is "gae" or "grpo", $"algorithm.adv_estimator: expected gae or grpo, got '{Algorithm.AdvEstimator}'");
        Require(Algorithm.Gamma is >= 0 and <= 1, $"algorithm.gamma: expected a number in [0, 1], got {Algorithm.Gamma}");
        Require(Algorithm.Lam is >= 0 and <= 1, $"algorithm.lam: expected a number in [0, 1], got {Algorithm.Lam}");
        Require(klTypes.Contains(Algorithm.KlPenalty), $"algorithm.kl_penalty: expected one of {string.Join(", ", klTypes)}, got '{Algorithm.KlPenalty}'");
        Require(Algorithm.Reward is "em" or "f1" or "format", $"algorithm.reward: expected em, f1 or format, got '{Algorithm.Reward}'");

        Require(Optimizer.ActorLr >= 0 && Optimizer.CriticLr >= 0, "optimizer.actor_lr, optimizer.critic_lr: expected 0 or more");
        Require(Optimizer.ActorWarmupRatio is >= 0 and <= 1, $"optimizer.actor_warmup_ratio: expected a number in [0, 1], got {Optimizer.ActorWarmupRatio}");
        Require(Optimizer.CriticWarmupRatio is >= 0 and <= 1, $"optimizer.critic_warmup_ratio: expected a number in [0, 1], got {Optimizer.CriticWarmupRatio}");
        Require(Optimizer.GradClip > 0, $"optimizer.grad_clip: expected a positive number, got {Optimizer.GradClip}");

        Require(Trainer.TotalSteps >= 0, $"trainer.total_steps: expected 0 or more, got {Trainer.TotalSteps}");
        Require(Trainer.TestFreq >= 0, $"trainer.test_freq: expected 0 or more, got {Trainer.TestFreq}");
        Require(Trainer.SaveFreq >= 0, $"trainer.save_freq: expected 0 or more, got {Trainer.SaveFreq}");
        Require(Trainer.Threads >= 0, $"trainer.threads: expected 0 (libtorch's default) or more, got {Trainer.Threads}");
        Require(Trainer.MaxCheckpoints >= 0, $"trainer.max_checkpoints: expected 0 or more, got {Trainer.MaxCheckpoints}");
        Require(!string.IsNullOrWhiteSpace(Trainer.OutputDir), "trainer.output_dir: expected a folder");
        return errors;
    }
}

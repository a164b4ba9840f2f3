using SearchR1.Training.Configuration;

namespace SearchR1.Training.Tests.Configuration;

public class TrainingConfigLoaderTests
{
    [Fact]
    public void Defaults_are_the_papers_ppo_settings()
    {
        var config = TrainingConfigLoader.Parse("", "test.yaml", []);
        Assert.Equal("gae", config.Algorithm.AdvEstimator);
        Assert.Equal(1.0, config.Algorithm.Gamma);
        Assert.Equal(1.0, config.Algorithm.Lam);
        Assert.Equal(1e-6, config.Optimizer.ActorLr);
        Assert.Equal(0.285, config.Optimizer.ActorWarmupRatio);
        Assert.Equal(1e-5, config.Optimizer.CriticLr);
        Assert.Equal(0.015, config.Optimizer.CriticWarmupRatio);
        Assert.Equal(0.001, config.Algorithm.KlCoef);
        Assert.True(config.Algorithm.UseKlInReward);
        Assert.Equal(0.001, config.Actor.EntropyCoeff);
        Assert.Equal(0.2, config.Actor.ClipRatio);
        Assert.Equal(0.5, config.Critic.ClipRangeValue);
        Assert.Equal(512, config.Data.TrainBatchSize);
        Assert.Equal((256, 64), (config.Actor.MiniBatchSize, config.Actor.MicroBatchSize));
        Assert.Equal((4, 2048, 4096, 500, 500), (config.Rollout.MaxTurns, config.Rollout.MaxStartLength,
            config.Rollout.MaxPromptLength, config.Rollout.MaxResponseLength, config.Rollout.MaxObsLength));
        Assert.Equal(3, config.Retriever.TopK);
        Assert.Equal(1005, config.Trainer.TotalSteps);
        Assert.Equal((0.01, 1.0), (config.Optimizer.WeightDecay, config.Optimizer.GradClip));
        Assert.True(config.UsesCritic);
    }

    [Fact]
    public void The_grpo_preset_samples_five_per_prompt_and_moves_the_kl_into_the_loss()
    {
        var config = TrainingConfigLoader.Parse("preset: grpo\n", "test.yaml", []);
        Assert.Equal("grpo", config.Algorithm.AdvEstimator);
        Assert.Equal(5, config.Rollout.N);
        Assert.Equal(0.95, config.Rollout.TopP);
        Assert.False(config.Algorithm.UseKlInReward);
        Assert.True(config.Actor.UseKlLoss);
        Assert.Equal("low_var_kl", config.Actor.KlLossType);
        Assert.False(config.UsesCritic);
    }

    [Fact]
    public void File_values_and_then_set_overrides_win_over_defaults()
    {
        string yaml = "data:\n  train_files: [a.parquet, b.jsonl]\n  train_batch_size: 8\nactor:\n  mini_batch_size: 4\n  micro_batch_size: 2\n";
        var config = TrainingConfigLoader.Parse(yaml, "run.yaml",
            ["actor.micro_batch_size=4", "optimizer.actor_lr=1e-3", "algorithm.mask_observations=false", "data.val_files=[v.jsonl]"]);
        Assert.Equal(["a.parquet", "b.jsonl"], config.Data.TrainFiles);
        Assert.Equal(8, config.Data.TrainBatchSize);
        Assert.Equal(4, config.Actor.MiniBatchSize);
        Assert.Equal(4, config.Actor.MicroBatchSize);
        Assert.Equal(1e-3, config.Optimizer.ActorLr);
        Assert.False(config.Algorithm.MaskObservations);
        Assert.Equal(["v.jsonl"], config.Data.ValFiles);
    }

    [Fact]
    public void Unknown_keys_and_ill_typed_values_are_reported_with_file_line_and_expectation()
    {
        string yaml = "actor:\n  clip_ratio: 0.2\n  micro_batchsize: 3\nrollout:\n  max_turns: many\n";
        var error = Assert.Throws<TrainingConfigException>(() =>
            TrainingConfigLoader.Parse(yaml, "run.yaml", ["critic.nope=1", "trainer.seed"]));
        Assert.Contains(error.Problems, p => p.StartsWith("run.yaml line 3: unknown key 'actor.micro_batchsize'", StringComparison.Ordinal) && p.Contains("micro_batch_size"));
        Assert.Contains(error.Problems, p => p.StartsWith("run.yaml line 5: rollout.max_turns expects an integer, got 'many'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("--set critic.nope=1: unknown key", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("--set trainer.seed: expected section.key=value", StringComparison.Ordinal));
        Assert.Equal(4, error.Problems.Count);
    }

    [Fact]
    public void Inconsistent_values_fail_validation_with_every_problem_listed()
    {
        var error = Assert.Throws<TrainingConfigException>(() => TrainingConfigLoader.Parse(
            "algorithm:\n  adv_estimator: reinforce\nrollout:\n  top_p: 1.5\nactor:\n  micro_batch_size: 100\n", "run.yaml", []));
        Assert.Contains(error.Problems, p => p.Contains("algorithm.adv_estimator: expected gae or grpo, got 'reinforce'"));
        Assert.Contains(error.Problems, p => p.Contains("rollout.top_p: expected a number in (0, 1], got 1.5"));
        Assert.Contains(error.Problems, p => p.Contains("actor.micro_batch_size: expected a divisor of mini_batch_size × rollout.n (256), got 100"));
    }

    [Fact]
    public void A_saved_configuration_reads_back_equal()
    {
        var config = TrainingConfigLoader.Parse("preset: grpo\n", "run.yaml", ["trainer.seed=42", "data.train_files=[x.parquet]"]);
        string path = Path.Combine(Path.GetTempPath(), $"searchr1-config-{Guid.NewGuid():N}.yaml");
        try
        {
            TrainingConfigLoader.Save(config, path);
            var again = TrainingConfigLoader.Load(path);
            Assert.Equal(TrainingConfigLoader.ToYaml(config), TrainingConfigLoader.ToYaml(again));
            Assert.Equal(42, again.Trainer.Seed);
            Assert.Equal(5, again.Rollout.N);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using SearchR1.Demo.Pipeline;
using SearchR1.Training.Configuration;

namespace SearchR1.Demo.Tests.Pipeline;

public class DemoTrainingConfigTests
{
    private static readonly WorldFiles Files = new("/tmp/demo-config-test");

    [Fact]
    public void The_grpo_config_is_the_papers_preset_scaled_down_and_valid()
    {
        DemoOptions options = DemoOptions.Default("/tmp/demo-config-test");

        TrainingConfig config = DemoTrainingConfig.For(options, Files);

        Assert.Empty(config.Validate());
        Assert.Equal("grpo", config.Algorithm.AdvEstimator);
        Assert.Equal(options.GroupSize, config.Rollout.N);
        Assert.Equal(0.95, config.Rollout.TopP);
        Assert.True(config.Actor.UseKlLoss);
        Assert.False(config.Algorithm.UseKlInReward);
        Assert.True(config.Algorithm.MaskObservations);
        Assert.Equal("em", config.Algorithm.Reward);
        // The one term dropped from the preset: an unrewarded batch would otherwise train on entropy alone.
        Assert.Equal(0, config.Actor.EntropyCoeff);
        Assert.Equal(options.Steps, config.Trainer.TotalSteps);
        Assert.Equal(options.PromptsPerStep, config.Data.TrainBatchSize);
        Assert.Equal(Path.GetFullPath(Files.BaseModel), config.Actor.ModelPath);
        Assert.Equal(Path.GetFullPath(Files.Index), config.Retriever.Index);
        Assert.Equal([Path.GetFullPath(Files.TrainQuestions)], config.Data.TrainFiles);
    }

    [Fact]
    public void Ppo_samples_once_per_prompt_with_a_critic_and_no_mask_turns_the_mask_off()
    {
        DemoOptions options = DemoOptions.Default("/tmp/demo-config-test") with { Algorithm = "ppo", Masking = false };

        TrainingConfig config = DemoTrainingConfig.For(options, Files);

        Assert.Empty(config.Validate());
        Assert.Equal("gae", config.Algorithm.AdvEstimator);
        Assert.Equal(1, config.Rollout.N);
        Assert.True(config.UsesCritic);
        Assert.False(config.Algorithm.MaskObservations);
    }

    [Fact]
    public void The_written_yaml_loads_back_to_the_same_config()
    {
        string path = Path.Combine(Path.GetTempPath(), $"demo-train-{Guid.NewGuid():N}.yaml");
        try
        {
            TrainingConfig config = DemoTrainingConfig.For(DemoOptions.Default("/tmp/demo-config-test"), Files);

            TrainingConfigLoader.Save(config, path);

            Assert.Equal(TrainingConfigLoader.ToYaml(config), TrainingConfigLoader.ToYaml(TrainingConfigLoader.Load(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

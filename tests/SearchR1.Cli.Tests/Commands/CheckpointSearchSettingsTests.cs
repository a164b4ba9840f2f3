using SearchR1.Cli.Commands;
using SearchR1.TestSupport;
using SearchR1.Training.Configuration;

namespace SearchR1.Cli.Tests.Commands;

public sealed class CheckpointSearchSettingsTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("searchr1-ask");

    private string _folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_trainer_checkpoints_actor_searches_as_it_was_trained()
    {
        // The trainer's layout: checkpoints/step_N/{actor/, config.yaml}.
        string step = Path.Combine(_folder, "checkpoints", "step_100");
        string actor = Directory.CreateDirectory(Path.Combine(step, "actor")).FullName;
        TrainingConfig config = TrainingConfig.Grpo with
        {
            Retriever = new RetrieverConfig { Index = "index", TopK = 1 },
            Rollout = TrainingConfig.Grpo.Rollout with { MaxTurns = 3, MaxResponseLength = 64 },
        };
        TrainingConfigLoader.Save(config, Path.Combine(step, "config.yaml"));

        CheckpointSearchSettings? settings = CheckpointSearchSettings.Of(actor);

        Assert.NotNull(settings);
        Assert.Equal((1, 3, 64), (settings.TopK, settings.MaxTurns, settings.MaxResponseTokens));
        Assert.Equal(Path.Combine(step, "config.yaml"), settings.Source);
    }

    [Fact]
    public void Any_other_model_folder_has_no_trained_settings()
    {
        string model = Directory.CreateDirectory(Path.Combine(_folder, "Qwen2.5-3B")).FullName;
        Assert.Null(CheckpointSearchSettings.Of(model));

        // A config.yaml beside it that is not a training config does not count either.
        File.WriteAllText(Path.Combine(_folder, "config.yaml"), "preset: nonsense\n");
        Assert.Null(CheckpointSearchSettings.Of(model));
    }
}

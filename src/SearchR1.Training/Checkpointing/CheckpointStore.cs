using System.Globalization;
using SearchR1.Modeling.Checkpoints;
using SearchR1.Modeling.Tokenization;
using SearchR1.Training.Configuration;
using SearchR1.Training.Ppo;
using static TorchSharp.torch;

namespace SearchR1.Training.Checkpointing;

/// <summary>
/// Checkpoints under <c>{output_dir}/checkpoints/step_{N}/</c>: <c>actor/</c> and <c>critic/</c> as Hugging Face
/// folders (the actor with its tokenizer, loadable by our loader and by transformers), the optimiser states, the
/// torch RNG state, <c>trainer_state.json</c> and <c>config.yaml</c>. Each checkpoint is built in a staging folder
/// and renamed into place, so a crash mid-write leaves the previous checkpoints intact and no partial one visible.
/// </summary>
public sealed class CheckpointStore(string outputDir, int keep)
{
    public const string ActorFolder = "actor";
    public const string CriticFolder = "critic";
    public const string ActorOptimizerFile = "actor_optimizer.bin";
    public const string CriticOptimizerFile = "critic_optimizer.bin";
    public const string RngFile = "rng_state.bin";
    public const string ConfigFile = "config.yaml";
    private const string Prefix = "step_";

    /// <summary>Where the training config of the checkpoint whose actor is <paramref name="actorFolder"/> would be (beside it).</summary>
    public static string ConfigBesideActor(string actorFolder) => Path.GetFullPath(Path.Combine(actorFolder, "..", ConfigFile));

    /// <summary>The folder holding every checkpoint.</summary>
    public string Root { get; } = Path.Combine(outputDir, "checkpoints");

    /// <summary>The newest complete checkpoint, or null.</summary>
    public string? Latest() => Directory.Exists(Root)
        ? Directory.EnumerateDirectories(Root, Prefix + "*")
            .Select(d => (Folder: d, Step: StepOf(d)))
            .Where(c => c.Step >= 0 && File.Exists(Path.Combine(c.Folder, TrainerState.FileName)))
            .OrderByDescending(c => c.Step)
            .Select(c => c.Folder)
            .FirstOrDefault()
        : null;

    /// <summary>Writes a checkpoint of the run after <paramref name="state"/>.Step steps; returns its folder.</summary>
    public string Save(TrainerState state, TrainingConfig config, TrainingModels models, PpoTrainer trainer, HfTokenizer tokenizer)
    {
        Directory.CreateDirectory(Root);
        string final = Path.Combine(Root, Prefix + state.Step.ToString(CultureInfo.InvariantCulture));
        string staging = Path.Combine(Root, $".staging-{state.Step}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            HfCheckpoint.Save(models.Actor, Path.Combine(staging, ActorFolder), new SaveOptions { AddFiles = tokenizer.Save });
            trainer.ActorUpdate.Optimizer.save_state_dict(Path.Combine(staging, ActorOptimizerFile));
            if (models.Critic is not null && trainer.CriticUpdate is not null)
            {
                HfCheckpoint.Save(models.Critic, Path.Combine(staging, CriticFolder));
                trainer.CriticUpdate.Optimizer.save_state_dict(Path.Combine(staging, CriticOptimizerFile));
            }
            using (var rng = get_rng_state())
            {
                File.WriteAllBytes(Path.Combine(staging, RngFile), rng.bytes.ToArray());
            }
            TrainingConfigLoader.Save(config, Path.Combine(staging, ConfigFile));
            File.WriteAllText(Path.Combine(staging, TrainerState.FileName), state.ToJson()); // written last: marks completeness
            if (Directory.Exists(final))
            {
                Directory.Delete(final, recursive: true);
            }
            Directory.Move(staging, final);
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
            throw;
        }
        Prune();
        return final;
    }

    /// <summary>Restores optimiser and RNG states from <paramref name="folder"/> and returns its trainer state.</summary>
    public static TrainerState Restore(string folder, PpoTrainer trainer)
    {
        trainer.ActorUpdate.Optimizer.load_state_dict(Path.Combine(folder, ActorOptimizerFile));
        string critic = Path.Combine(folder, CriticOptimizerFile);
        if (trainer.CriticUpdate is not null && File.Exists(critic))
        {
            trainer.CriticUpdate.Optimizer.load_state_dict(critic);
        }
        string rng = Path.Combine(folder, RngFile);
        if (File.Exists(rng))
        {
            using var state = tensor(File.ReadAllBytes(rng), dtype: uint8);
            set_rng_state(state);
        }
        return TrainerState.Read(Path.Combine(folder, TrainerState.FileName));
    }

    private void Prune()
    {
        if (keep <= 0)
        {
            return;
        }
        var old = Directory.EnumerateDirectories(Root, Prefix + "*").Select(d => (Folder: d, Step: StepOf(d)))
            .Where(c => c.Step >= 0).OrderByDescending(c => c.Step).Skip(keep);
        foreach (var (folder, _) in old)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int StepOf(string folder) =>
        int.TryParse(Path.GetFileName(folder)[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int step) ? step : -1;
}

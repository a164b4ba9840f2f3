using SearchR1.Core.Rewards;
using SearchR1.Modeling.Tokenization;
using SearchR1.Retrieval;
using SearchR1.Torch;
using SearchR1.Training.Checkpointing;
using SearchR1.Training.Configuration;
using SearchR1.Training.Metrics;
using SearchR1.Training.Ppo;
using static TorchSharp.torch;

namespace SearchR1.Training.Run;

/// <summary>How a run ended.</summary>
/// <param name="StepsCompleted">Training steps done in total (including before a resume).</param>
/// <param name="Interrupted">Stopped by cancellation (Ctrl-C) after saving a checkpoint.</param>
/// <param name="LastCheckpoint">The newest checkpoint folder, or null.</param>
public sealed record TrainingOutcome(int StepsCompleted, bool Interrupted, string? LastCheckpoint);

/// <summary>
/// A whole training run: load models (or resume from the newest checkpoint), validate before training, then
/// <c>total_steps</c> steps with validation every <c>test_freq</c> and checkpoints every <c>save_freq</c>, and a final
/// validation, checkpoint and learning-curve plot. Cancellation (Ctrl-C) saves a checkpoint of the last completed
/// step and returns. Outputs in trainer.output_dir: config.yaml, metrics.jsonl, tensorboard/, checkpoints/, curves.png.
/// </summary>
public static class TrainingRun
{
    public static async Task<TrainingOutcome> RunAsync(
        TrainingConfig config, IReadOnlyList<TrainingPrompt> train, IReadOnlyList<TrainingPrompt> validation,
        IRetriever? retriever, bool resume, ITrainingObserver? observer = null, CancellationToken ct = default)
    {
        observer ??= SilentObserver.Instance;
        var device = TorchRuntime.ResolveDevice(config.Trainer.Device);
        if (config.Trainer.Threads > 0)
        {
            set_num_threads(config.Trainer.Threads);
        }
        string output = Path.GetFullPath(config.Trainer.OutputDir);
        Directory.CreateDirectory(output);
        var store = new CheckpointStore(output, config.Trainer.MaxCheckpoints);
        string? checkpoint = resume ? store.Latest() : null;
        if (resume && checkpoint is null)
        {
            observer.Message($"no checkpoint in {store.Root}: starting from the beginning");
        }

        manual_seed(config.Trainer.Seed);
        var tokenizer = HfTokenizer.Load(config.Actor.ModelPath);
        using var models = TrainingModels.Load(config, device,
            checkpoint is null ? null : Path.Combine(checkpoint, CheckpointStore.ActorFolder),
            checkpoint is null || !config.UsesCritic ? null : Path.Combine(checkpoint, CheckpointStore.CriticFolder),
            config.Trainer.Seed);
        var reward = RewardFunctions.Create(config.Algorithm.Reward, new FormatRewardWeights(
            config.Algorithm.StructureFormatScore, config.Algorithm.FinalFormatScore, config.Algorithm.RetrievalScore));
        using var trainer = new PpoTrainer(config, models, tokenizer, retriever, reward);

        var state = new TrainerState(0, 0, 0, config.Trainer.Seed);
        if (checkpoint is not null)
        {
            state = CheckpointStore.Restore(checkpoint, trainer);
            if (state.Seed != config.Trainer.Seed)
            {
                throw new InvalidOperationException($"{checkpoint}: written with trainer.seed {state.Seed}, this run has {config.Trainer.Seed}");
            }
            observer.Message($"resumed from {checkpoint} after step {state.Step}");
        }
        TrainingConfigLoader.Save(config, Path.Combine(output, "config.yaml"));
        using var log = new MetricsLog(Path.Combine(output, "metrics.jsonl"), checkpoint is null ? null : state.Step);
        var tensorboard = config.Trainer.Tensorboard ? new TensorBoardLog(Path.Combine(output, "tensorboard")) : null;
        var batches = new PromptBatches(train, config.Data.TrainBatchSize, config.Trainer.Seed, config.Data.Shuffle);

        int validatedAfter = -1;
        async Task Validate(int step)
        {
            if (validation.Count == 0 || validatedAfter == step)
            {
                return;
            }
            validatedAfter = step;
            var metrics = await trainer.ValidateAsync(validation, ct).ConfigureAwait(false);
            log.Write(step, "val", metrics);
            tensorboard?.Write(step, metrics);
            observer.ValidationCompleted(step, metrics);
        }

        string? last = checkpoint;
        string Save()
        {
            last = store.Save(state, config, models, trainer, tokenizer);
            observer.CheckpointSaved(state.Step, last);
            return last;
        }

        try
        {
            if (checkpoint is null && config.Trainer.ValBeforeTrain)
            {
                await Validate(0).ConfigureAwait(false);
            }
            while (state.Step < config.Trainer.TotalSteps)
            {
                int epoch = state.Epoch, batchInEpoch = state.BatchInEpoch;
                var prompts = batches.Next(ref epoch, ref batchInEpoch);
                var metrics = await trainer.StepAsync(prompts, state.Step, ct).ConfigureAwait(false);
                state = state with { Step = state.Step + 1, Epoch = epoch, BatchInEpoch = batchInEpoch };
                metrics["train/epoch"] = epoch;
                log.Write(state.Step, "train", metrics);
                tensorboard?.Write(state.Step, metrics);
                observer.StepCompleted(state.Step, config.Trainer.TotalSteps, metrics);

                bool lastStep = state.Step == config.Trainer.TotalSteps;
                if (!lastStep && config.Trainer.TestFreq > 0 && state.Step % config.Trainer.TestFreq == 0)
                {
                    await Validate(state.Step).ConfigureAwait(false);
                }
                if (!lastStep && config.Trainer.SaveFreq > 0 && state.Step % config.Trainer.SaveFreq == 0)
                {
                    Save();
                }
            }
            await Validate(state.Step).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl-C: the interrupted step never reached its update, so the models are those of the last completed step.
            observer.Message($"interrupted: saving the state after step {state.Step}");
            Save();
            return new TrainingOutcome(state.Step, Interrupted: true, last);
        }
        Save();
        LearningCurves.Write(log.Path, Path.Combine(output, "curves.png"));
        return new TrainingOutcome(state.Step, Interrupted: false, last);
    }
}

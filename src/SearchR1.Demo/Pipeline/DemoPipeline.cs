using System.Diagnostics;
using System.Text.Json;
using SearchR1.Demo.Base;
using SearchR1.Demo.World;
using SearchR1.Evaluation.Running;
using SearchR1.Retrieval;
using SearchR1.Torch;
using SearchR1.Training.Configuration;
using SearchR1.Training.Data;
using SearchR1.Training.Run;

namespace SearchR1.Demo.Pipeline;

/// <summary>
/// `searchr1 demo` as a library call: world → corpus and BM25 index → tokenizer and base model → evaluation on
/// held-out questions → RL with the real trainer (from the train.yaml it writes) → the same evaluation again →
/// summary.json. Every stage uses the project's real components; nothing here is a demo-only shortcut.
/// </summary>
public static class DemoPipeline
{
    public static async Task<DemoResult> RunAsync(DemoOptions options, IDemoReporter? reporter = null, CancellationToken ct = default)
    {
        reporter ??= SilentDemoReporter.Instance;
        var clock = Stopwatch.StartNew();
        WorldFiles files = await WorldAndBaseModelAsync(options, reporter, ct);

        reporter.Stage("evaluation before RL");
        EvalResult before = await EvaluateAsync(files.BaseModel, files, options, Path.Combine(files.Folder, "eval-before"), "before RL", reporter, ct);

        reporter.Stage($"RL ({options.Algorithm})");
        TrainingConfig config = DemoTrainingConfig.For(options, files);
        TrainingConfigLoader.Save(config, files.TrainConfig);
        TrainingData data = await TrainingData.LoadAsync(config, ct);
        TrainingOutcome outcome;
        using (IRetriever retriever = RetrieverFactory.Open(files.Index))
        {
            outcome = await TrainingRun.RunAsync(config, data.Train, data.Validation, retriever, resume: false,
                new ReporterObserver(reporter), ct);
        }
        string checkpoint = Path.Combine(outcome.LastCheckpoint ?? throw new InvalidOperationException("The RL run saved no checkpoint."),
            SearchR1.Training.Checkpointing.CheckpointStore.ActorFolder);

        reporter.Stage("evaluation after RL");
        EvalResult after = await EvaluateAsync(checkpoint, files, options, Path.Combine(files.Folder, "eval-after"), "after RL", reporter, ct);

        var summary = new DemoSummary(
            Scores(before), Scores(after), outcome.StepsCompleted, options.Algorithm, options.Masking,
            Math.Round(clock.Elapsed.TotalSeconds, 1),
            Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0), 1),
            checkpoint, files.Index);
        WriteSummary(files.Summary, summary);

        EvalRecord? example = after.Records
            .OrderByDescending(r => r.Em)
            .ThenByDescending(r => r.DataSource == WorldFiles.TwoHopSource)
            .ThenByDescending(r => r.Searches.Count)
            .FirstOrDefault();
        return new DemoResult(summary, files, example, config.Trainer.OutputDir,
            Path.Combine(config.Trainer.OutputDir, "tensorboard"), Path.Combine(config.Trainer.OutputDir, "curves.png"),
            options.MaxResponseTokens,
            options.TopK);
    }

    /// <summary>
    /// Only the world and the base model (what <c>searchr1 demo base-model</c> runs to make the shipped base): always
    /// runs the recipe, and leaves the base in <c>OutputFolder/base</c> with its <c>recipe.json</c>.
    /// </summary>
    public static async Task<WorldFiles> MakeBaseModelAsync(DemoOptions options, IDemoReporter? reporter = null, CancellationToken ct = default)
    {
        return await WorldAndBaseModelAsync(options with { RebuildBase = true }, reporter ?? SilentDemoReporter.Instance, ct);
    }

    /// <summary>The stages every run starts with: the world's files and index, then the base model.</summary>
    private static async Task<WorldFiles> WorldAndBaseModelAsync(DemoOptions options, IDemoReporter reporter, CancellationToken ct)
    {
        TorchRuntime.EnsureLoaded();
        TorchSharp.torch.set_num_threads(options.Threads);
        var files = new WorldFiles(Path.GetFullPath(options.OutputFolder));
        reporter.Stage("world");
        SyntheticWorld world = await WriteWorldAsync(options, files, reporter, ct);
        reporter.Stage("base model");
        await ProvideBaseModelAsync(options, world, files, reporter, ct);
        return files;
    }

    private static async Task<SyntheticWorld> WriteWorldAsync(DemoOptions options, WorldFiles files, IDemoReporter reporter, CancellationToken ct)
    {
        SyntheticWorld world = WorldGenerator.Generate(options.World);
        IReadOnlyList<WorldQuestion> train = QuestionGenerator.Sample(world, WorldPartition.Training, options.World.TrainQuestionsPerKind, options.World.Seed + 1);
        IReadOnlyList<WorldQuestion> test = QuestionGenerator.Sample(world, WorldPartition.Test, options.World.TestQuestionsPerKind, options.World.Seed + 2);
        long passages = await files.WriteAsync(world, train, test, ct);
        reporter.Message($"{world.People.Count} people, {world.Cities.Count} cities, {world.Organisations.Count} organisations, " +
            $"{world.Works.Count} works: {passages} passages indexed (BM25); {train.Count} training and {test.Count} held-out questions");
        return world;
    }

    /// <summary>The shipped base when it was made from this very recipe, else the recipe run here.</summary>
    private static async Task ProvideBaseModelAsync(
        DemoOptions options, SyntheticWorld world, WorldFiles files, IDemoReporter reporter, CancellationToken ct)
    {
        var recipe = new BaseModelRecipeKey(options.World, options.BaseModel, options.Behaviour, options.TopK);
        if (!options.RebuildBase && ShippedBaseModel.TryExtract(recipe, files.BaseModel))
        {
            reporter.Message("base model: the one shipped with SearchR1, made from this recipe by `searchr1 demo base-model` " +
                "(pretrained on the world's pretraining partition only; --rebuild-base makes it here instead)");
            return;
        }
        using IRetriever retriever = RetrieverFactory.Open(files.Index);
        BaseModelResult baseModel = await BaseModelRecipe.BuildAsync(world, retriever, options.TopK, options.BaseModel, options.Behaviour,
            files.BaseModel, new Progress<PretrainingProgress>(reporter.Pretraining), ct);
        await File.WriteAllTextAsync(Path.Combine(files.BaseModel, ShippedBaseModel.RecipeFile), recipe.ToJson(), ct);
        reporter.Message($"base model: {baseModel.Parameters:N0} parameters, vocabulary {baseModel.VocabularySize}, " +
            $"pretraining loss {baseModel.FinalLoss:F3} in {baseModel.Seconds:F0} s");
    }

    /// <summary>The held-out questions through the evaluation library, exactly as `searchr1 eval` runs them.</summary>
    private static async Task<EvalResult> EvaluateAsync(
        string model, WorldFiles files, DemoOptions options, string folder, string label, IDemoReporter reporter, CancellationToken ct)
    {
        var spec = new EvalRunSpec
        {
            ModelPath = model,
            Device = "cpu",
            DataFiles = [files.TestQuestions],
            IndexPath = files.Index,
            Options = new EvalOptions
            {
                TopK = options.TopK,
                MaxTurns = options.MaxTurns,
                MaxResponseTokens = options.MaxResponseTokens,
                // The batch size stays `searchr1 eval`'s default, so that the command docs/DEMO.md gives
                // reproduces these numbers exactly (batches change padding, and padding can move a greedy tie).
                OutputDirectory = folder,
            },
        };
        if (Directory.Exists(folder))
        {
            // A fresh evaluation: the folder would otherwise resume the previous run's predictions.
            Directory.Delete(folder, recursive: true);
        }
        EvalRunOutcome outcome = await EvalRun.RunAsync(
            spec, new Progress<EvalProgress>(p => reporter.Evaluation(label, p.Done, p.Total)), reporter.Message, ct);
        return outcome.Results[0];
    }

    private static PolicyScores Scores(EvalResult result)
    {
        KindScores Of(string source)
        {
            DatasetScores? scores = result.Datasets.FirstOrDefault(d => d.DataSource == source);
            return scores is null
                ? new KindScores(0, 0, 0, 0)
                : new KindScores(Math.Round(scores.Em, 4), Math.Round(scores.SearchesPerQuestion, 3), Math.Round(scores.ResponseTokens, 1), scores.Count);
        }
        return new PolicyScores(Of(WorldFiles.SingleHopSource), Of(WorldFiles.TwoHopSource));
    }

    private static void WriteSummary(string path, DemoSummary summary)
    {
        string temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(temp, JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(temp, path, overwrite: true);
    }

    private sealed class ReporterObserver(IDemoReporter reporter) : ITrainingObserver
    {
        public void Message(string text) => reporter.Message(text);

        public void StepCompleted(int step, int totalSteps, IReadOnlyDictionary<string, double> metrics) =>
            reporter.RlStep(step, totalSteps, metrics);
    }
}

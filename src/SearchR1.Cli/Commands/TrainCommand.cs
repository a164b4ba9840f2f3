using System.CommandLine;
using System.Globalization;
using SearchR1.Retrieval;
using SearchR1.Training.Configuration;
using SearchR1.Training.Data;
using SearchR1.Training.Run;
using Spectre.Console;

namespace SearchR1.Cli.Commands;

/// <summary><c>searchr1 train</c>: PPO / GRPO training of a search agent (SPEC §5), configured by YAML.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config", "-c")
        {
            Description = "YAML configuration (sections data, actor, critic, reference, rollout, retriever, algorithm, optimizer, trainer; " +
                          "'preset: grpo' starts from the paper's GRPO settings). Omitted keys keep the paper's defaults.",
        };
        var set = new Option<string[]>("--set")
        {
            Description = "Override one key, e.g. --set actor.micro_batch_size=8 --set data.train_files=[nq.parquet] (repeatable).",
            AllowMultipleArgumentsPerToken = false,
            Arity = ArgumentArity.ZeroOrMore,
        };
        var retrieverUrl = new Option<string?>("--retriever-url")
        {
            Description = "A Search-R1 /retrieve server (e.g. http://127.0.0.1:8000/retrieve) instead of an in-process index.",
        };
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue from the newest complete checkpoint in trainer.output_dir.",
        };

        var command = new Command("train",
            "Train a search agent with PPO or GRPO: multi-turn rollouts with retrieval, retrieved-token masking, checkpoints, " +
            "metrics (console, metrics.jsonl, TensorBoard, curves.png).\n\n" +
            "Example:\n  searchr1 train --config ppo.yaml --set data.train_files=[data/nq_search/train.parquet] " +
            "--set data.val_files=[data/nq_search/test.parquet] --set retriever.index=indexes/wiki18-bm25\n" +
            "  searchr1 train --config ppo.yaml --resume");
        command.Options.Add(config);
        command.Options.Add(set);
        command.Options.Add(retrieverUrl);
        command.Options.Add(resume);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            TrainingConfig settings;
            try
            {
                var overrides = (parseResult.GetValue(set) ?? []).ToList();
                string? url = parseResult.GetValue(retrieverUrl);
                if (!string.IsNullOrEmpty(url))
                {
                    overrides.Add($"retriever.url={url}");
                }
                settings = TrainingConfigLoader.Load(parseResult.GetValue(config)?.FullName, overrides);
                var missing = new List<string>();
                if (string.IsNullOrWhiteSpace(settings.Actor.ModelPath))
                {
                    missing.Add("actor.model_path: expected a Hugging Face model folder");
                }
                if (settings.Data.TrainFiles.Count == 0)
                {
                    missing.Add("data.train_files: expected at least one Search-R1 parquet or FlashRAG jsonl file");
                }
                if (missing.Count > 0)
                {
                    throw new TrainingConfigException(missing);
                }
            }
            catch (Exception e) when (e is TrainingConfigException or IOException)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 2;
            }

            var data = TrainingData.Load(settings);
            console.MarkupLine($"[grey]{data.Train.Count} training and {data.Validation.Count} validation questions; " +
                $"{Markup.Escape(settings.Algorithm.AdvEstimator)} with n = {settings.Rollout.N}, {settings.Trainer.TotalSteps} steps → {Markup.Escape(settings.Trainer.OutputDir)}[/]");
            using IRetriever? retriever = OpenRetriever(settings, console);
            var run = TrainingRun.RunAsync(settings, data.Train, data.Validation, retriever, parseResult.GetValue(resume),
                new ConsoleObserver(console), cancellationToken);
            // On Ctrl-C System.CommandLine cancels the token, then gives up waiting after a short timeout and lets
            // the process exit; saving a large model takes longer. Hold the exit until the run has saved.
            EventHandler waitForSave = (_, _) => ((IAsyncResult)run).AsyncWaitHandle.WaitOne();
            AppDomain.CurrentDomain.ProcessExit += waitForSave;
            TrainingOutcome outcome;
            try
            {
                outcome = await run;
            }
            finally
            {
                AppDomain.CurrentDomain.ProcessExit -= waitForSave;
            }
            console.MarkupLine(outcome.Interrupted
                ? $"[yellow]interrupted after step {outcome.StepsCompleted}; resume with --resume ({Markup.Escape(outcome.LastCheckpoint ?? "")})[/]"
                : $"[green]done: {outcome.StepsCompleted} steps; last checkpoint {Markup.Escape(outcome.LastCheckpoint ?? "")}[/]");
            return outcome.Interrupted ? 130 : 0;
        });
        return command;
    }

    private static IRetriever? OpenRetriever(TrainingConfig settings, IAnsiConsole console)
    {
        string where = !string.IsNullOrEmpty(settings.Retriever.Url) ? settings.Retriever.Url : settings.Retriever.Index;
        if (string.IsNullOrEmpty(where))
        {
            if (settings.Rollout.MaxTurns > 0)
            {
                console.MarkupLine("[yellow]no retriever (retriever.index or --retriever-url): a search by the policy will stop the run[/]");
            }
            return null;
        }
        console.MarkupLine($"[grey]retriever: {Markup.Escape(where)}[/]");
        return RetrieverFactory.Open(where);
    }

    /// <summary>One line per step on stderr: the figures a researcher watches.</summary>
    private sealed class ConsoleObserver(IAnsiConsole console) : ITrainingObserver
    {
        public void Message(string text) => console.MarkupLine($"[grey]{Markup.Escape(text)}[/]");

        public void StepCompleted(int step, int totalSteps, IReadOnlyDictionary<string, double> m)
        {
            string F(string key, string format) => m.TryGetValue(key, out double v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
            console.MarkupLine(
                $"[bold]step {step}/{totalSteps}[/] reward [green]{F("critic/score/mean", "0.000")}[/] EM {F("train/em", "0.000")} " +
                $"searches/answer {F("env/searches_per_answer", "0.00")} resp {F("response_length/mean", "0")} " +
                $"KL {F("critic/kl", "0.0000")}/{F("actor/kl_loss", "0.0000")} H {F("actor/entropy", "0.000")} " +
                $"clip {F("actor/pg_clipfrac", "0.000")} |g| {F("actor/grad_norm", "0.00")} {F("perf/tokens_per_s", "0")} tok/s " +
                $"[grey]gen {F("timing_s/generation", "0.0")}s ret {F("timing_s/retrieval", "0.0")}s ref {F("timing_s/ref", "0.0")}s " +
                $"val {F("timing_s/values", "0.0")}s upd {F("timing_s/update_actor", "0.0")}+{F("timing_s/update_critic", "0.0")}s[/]");
        }

        public void ValidationCompleted(int step, IReadOnlyDictionary<string, double> m) =>
            console.MarkupLine($"[blue]validation after step {step}: " + Markup.Escape(string.Join(", ", m
                .Where(kv => kv.Key.StartsWith("val/", StringComparison.Ordinal))
                .Select(kv => $"{kv.Key[4..]} {kv.Value.ToString("0.000", CultureInfo.InvariantCulture)}"))) + "[/]");

        public void CheckpointSaved(int step, string folder) =>
            console.MarkupLine($"[grey]checkpoint after step {step}: {Markup.Escape(folder)}[/]");
    }
}

using System.CommandLine;
using SearchR1.Demo.Base;
using SearchR1.Demo.Pipeline;
using Spectre.Console;

namespace SearchR1.Cli.Commands;

/// <summary><c>searchr1 demo</c>: the embedded default, a search agent trained end to end on a laptop CPU.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var algorithm = new Option<string>("--algorithm") { Description = "RL algorithm: grpo (five samples per question; the best EM here) or ppo (one sample and a critic; about three times faster, slightly lower EM).", DefaultValueFactory = _ => "grpo" };
        algorithm.AcceptOnlyFromAmong("grpo", "ppo");
        var steps = new Option<int?>("--steps") { Description = "RL steps (default: 100; --fast: 2)." };
        var noMask = new Option<bool>("--no-mask") { Description = "Do not mask retrieved tokens out of the policy loss (the paper's ablation)." };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for everything the run makes.", DefaultValueFactory = _ => new DirectoryInfo("demo-run") };
        var fast = new Option<bool>("--fast") { Description = "A small world, a tiny base and a few steps: checks the pipeline in about a minute (learns little)." };
        var seed = new Option<int?>("--seed") { Description = "Seed of the world (names, facts, questions)." };
        var pretrainSteps = new Option<int?>("--pretrain-steps") { Description = "Base model pretraining steps." };
        var lr = new Option<double?>("--lr") { Description = "RL learning rate." };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads (default 1: fastest for this tiny model, and robust to a busy machine)." };
        var topK = new Option<int?>("--top-k") { Description = $"Passages per search (default {DemoOptions.DefaultTopK}: a model this small cannot tell the answer's passage from its look-alikes; 3 is the paper's). Part of the base recipe: any other value rebuilds the base." };
        var rebuildBase = new Option<bool>("--rebuild-base") { Description = "Pretrain the base model here (about twenty minutes on two cores) instead of using the one shipped with SearchR1. Any change to the world or the base recipe (--seed, --pretrain-steps, --top-k, --fast) rebuilds it anyway." };

        var command = new Command("demo",
            "Train a search agent end to end on this machine's CPU: a synthetic world (fictional people, places, " +
            "organisations, works) → corpus and BM25 index → a tiny Qwen2 base model (shipped, or pretrained here) → RL (GRPO or PPO, " +
            "outcome reward only) → before/after evaluation on held-out single-hop and two-hop questions. Writes the " +
            "corpus, index, questions, base model, train.yaml, run (checkpoint, TensorBoard, curves) and summary.json to --out. " +
            "With the shipped base it takes about four minutes on two cores and takes held-out EM from 0 to about 0.95.\n\n" +
            "Examples:\n  searchr1 demo\n  searchr1 demo --algorithm ppo --steps 60 --out runs/demo-ppo\n  searchr1 demo --no-mask --out runs/demo-nomask");
        foreach (Option option in new Option[] { algorithm, steps, noMask, output, fast, seed, pretrainSteps, lr, threads, topK, rebuildBase })
        {
            command.Options.Add(option);
        }
        command.Subcommands.Add(BaseModelCommand());
        command.Subcommands.Add(ProbeCommand());
        command.SetAction(async (parseResult, ct) =>
        {
            string folder = parseResult.GetValue(output)!.FullName;
            DemoOptions options = parseResult.GetValue(fast) ? DemoOptions.Fast(folder) : DemoOptions.Default(folder);
            options = options with
            {
                Algorithm = parseResult.GetValue(algorithm)!,
                Masking = !parseResult.GetValue(noMask),
                Steps = parseResult.GetValue(steps) ?? options.Steps,
                ActorLearningRate = parseResult.GetValue(lr) ?? options.ActorLearningRate,
                Threads = parseResult.GetValue(threads) ?? options.Threads,
                TopK = parseResult.GetValue(topK) ?? options.TopK,
                RebuildBase = parseResult.GetValue(rebuildBase),
            };
            if (parseResult.GetValue(seed) is int s)
            {
                options = options with { World = options.World with { Seed = s } };
            }
            if (parseResult.GetValue(pretrainSteps) is int p)
            {
                options = options with { BaseModel = options.BaseModel with { Steps = p } };
            }

            var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            DemoResult result;
            try
            {
                result = await new DemoProgress(stderr).RunAsync(reporter => DemoPipeline.RunAsync(options, reporter, ct));
            }
            catch (OperationCanceledException)
            {
                stderr.MarkupLine("[yellow]interrupted[/]");
                return 130;
            }
            DemoReport.Print(result);
            return 0;
        });
        return command;
    }

    /// <summary><c>searchr1 demo probe</c>: how well a base reads the answer out of the passages.</summary>
    private static Command ProbeCommand()
    {
        var model = new Option<DirectoryInfo>("--model", "-m") { Description = "Base model folder (e.g. demo-run/base).", Required = true };
        var index = new Option<DirectoryInfo>("--index") { Description = "The world's BM25 index (e.g. demo-run/index).", Required = true };
        var questions = new Option<int>("--questions") { Description = "Single-hop pretraining questions to probe.", DefaultValueFactory = _ => 75 };
        var fast = new Option<bool>("--fast") { Description = "The world of `demo --fast` (use with that run's base and index)." };
        var topK = new Option<int>("--top-k") { Description = "Passages per search (the top-k the base was made for).", DefaultValueFactory = _ => DemoOptions.DefaultTopK };
        var command = new Command("probe",
            "Measure the skill RL cannot supply: reading. Teacher-forced on the base recipe's own samples (single-hop " +
            "questions of the pretraining partition, after a right search), prints the mean probability and the " +
            "arg-max accuracy of the answer's first token where the thought restates the fact, with the answer's " +
            "passage where the retriever ranks it (trajectory) and with the passages shuffled (reading; with one " +
            "passage per search, the demo's default, the two coincide). A base that " +
            "scores low here gives RL no rewarded samples, however low its loss.\n\n" +
            "Example:\n  searchr1 demo probe --model demo-run/base --index demo-run/index");
        foreach (Option option in new Option[] { model, index, questions, fast, topK })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parseResult, ct) =>
        {
            DemoOptions options = parseResult.GetValue(fast) ? DemoOptions.Fast("unused") : DemoOptions.Default("unused");
            var results = await ReadingProbe.RunAsync(options.World, parseResult.GetValue(index)!.FullName, parseResult.GetValue(topK),
                parseResult.GetValue(model)!.FullName, parseResult.GetValue(questions), ct);
            Console.WriteLine("| layout | questions | p(answer token) | accuracy |");
            Console.WriteLine("|---|---|---|---|");
            foreach (ReadingProbeResult r in results)
            {
                Console.WriteLine($"| {r.Layout} | {r.Questions} | {r.ValueProbability:F2} | {r.ValueAccuracy:F2} |");
            }
            return 0;
        });
        return command;
    }

    /// <summary><c>searchr1 demo base-model</c>: runs the base recipe alone, to remake the shipped base.</summary>
    private static Command BaseModelCommand()
    {
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for the world and the base (the base goes to OUT/base).", DefaultValueFactory = _ => new DirectoryInfo("demo-base") };
        var pretrainSteps = new Option<int?>("--pretrain-steps") { Description = "Pretraining steps (default: the shipped recipe's)." };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads (default 1)." };
        var command = new Command("base-model",
            "Make the demo's base model with the same recipe the demo uses: the world, its BM25 index, a BPE tokenizer " +
            "and a tiny Qwen2 pretrained on example trajectories about the world's pretraining partition only. " +
            "The shipped base (src/SearchR1.Demo/BaseModel) is OUT/base of this command with its defaults.\n\n" +
            "Example:\n  searchr1 demo base-model --out demo-base && cp demo-base/base/* src/SearchR1.Demo/BaseModel/");
        command.Options.Add(output);
        command.Options.Add(pretrainSteps);
        command.Options.Add(threads);
        command.SetAction(async (parseResult, ct) =>
        {
            DemoOptions options = DemoOptions.Default(parseResult.GetValue(output)!.FullName);
            options = options with { Threads = parseResult.GetValue(threads) ?? options.Threads };
            if (parseResult.GetValue(pretrainSteps) is int p)
            {
                options = options with { BaseModel = options.BaseModel with { Steps = p } };
            }
            var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            WorldFiles files = await new DemoProgress(stderr).RunAsync(reporter => DemoPipeline.MakeBaseModelAsync(options, reporter, ct));
            Console.WriteLine(files.BaseModel);
            return 0;
        });
        return command;
    }
}

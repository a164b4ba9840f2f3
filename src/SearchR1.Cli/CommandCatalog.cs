using System.CommandLine;

namespace SearchR1.Cli;

/// <summary>Every verb of the `searchr1` command, in the order `--help` lists them.</summary>
/// <remarks>
/// Each area adds its verbs in its own block (a verb's code lives in Commands/). Groups shared by several
/// areas (index, serve, bench) are built here; the blank lines keep parallel edits apart.
/// </remarks>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        var commands = new List<Command>();

        // -- demo: the embedded default (world, base model, RL, evaluation)
        commands.Add(Commands.DemoCommand.Create());
        commands.Add(Commands.AskCommand.Create());

        // -- training
        commands.Add(Commands.TrainCommand.Create());

        // -- evaluation
        commands.Add(Commands.EvalCommand.Create());

        // -- retrieval
        commands.Add(Commands.SearchCommand.Create());

        // -- models
        var model = new Command("model", "Inspect a Hugging Face model folder (Qwen2 / Llama).");
        model.Subcommands.Add(Commands.ModelLogitsCommand.Create());
        commands.Add(model);
        commands.Add(Commands.GenerateCommand.Create());
        commands.Add(Commands.TokenizeCommand.Create());
        commands.Add(Commands.ChatTemplateCommand.Create());

        // -- rewards and data
        commands.Add(Commands.ScoreCommand.Create());

        var index = new Command("index", "Build a search index over a corpus (Search-R1 jsonl: {\"id\", \"contents\"}).");
        // index: bm25, dense
        index.Subcommands.Add(Commands.IndexBm25Command.Create());
        index.Subcommands.Add(Commands.IndexDenseCommand.Create());

        var serve = new Command("serve", "Run an HTTP server: the Search-R1 /retrieve API, or an OpenAI-compatible policy.");
        // serve: retriever
        serve.Subcommands.Add(Commands.ServeRetrieverCommand.Create());

        // serve: policy
        serve.Subcommands.Add(Commands.ServePolicyCommand.Create());

        var bench = new Command("bench", "Measure speed; prints the figures recorded in docs/PERFORMANCE.md.");
        // bench: retrieval
        bench.Subcommands.Add(Commands.BenchRetrievalCommand.Create());

        // bench: generate
        bench.Subcommands.Add(Commands.BenchGenerateCommand.Create());

        // bench: train
        bench.Subcommands.Add(Commands.BenchTrainCommand.Create());

        // bench: tokenize
        bench.Subcommands.Add(Commands.BenchTokenizeCommand.Create());

        foreach (var group in new[] { index, serve, bench })
        {
            if (group.Subcommands.Count > 0)
            {
                commands.Add(group);
            }
        }
        return commands;
    }
}

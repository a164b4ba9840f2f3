using System.CommandLine;
using SearchR1.Core.Protocol;
using SearchR1.Core.Rewards;
using SearchR1.Evaluation.Agents;
using SearchR1.Retrieval;

namespace SearchR1.Cli.Commands;

/// <summary><c>searchr1 ask</c>: one question to a trained model, showing its reasoning, searches and what they found.</summary>
internal static class AskCommand
{
    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model", "-m") { Description = "A Hugging Face model folder (e.g. a demo checkpoint's actor folder).", Required = true };
        var index = new Option<string>("--index", "-i") { Description = "An index folder (BM25 or dense) or a Search-R1 /retrieve URL.", Required = true };
        var topK = new Option<int?>("--top-k", "-k") { Description = "Passages per search (default: what a trainer checkpoint was trained with, else 3)." };
        var maxTurns = new Option<int?>("--max-turns") { Description = "Searches allowed (default: a trainer checkpoint's, else 4)." };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "New tokens per turn (default: a trainer checkpoint's, else 500)." };
        var temperature = new Option<float>("--temperature") { Description = "0 = greedy (default); above 0 samples.", DefaultValueFactory = _ => 0f };
        var device = new Option<string?>("--device") { Description = "cpu, cuda or cuda:N (default: best available)." };
        var question = new Argument<string>("question") { Description = "The question (the Search-R1 prompt is put around it)." };

        var command = new Command("ask",
            "Answer one question with a model and a search engine, showing each turn: the model's reasoning, its " +
            "searches, the retrieved passages and its answer (greedy by default). Given a trainer checkpoint's actor " +
            "folder, it searches as the model was trained to (top-k, turns, tokens per turn from the checkpoint's " +
            "config.yaml); the options override that.\n\nExample:\n" +
            "  searchr1 ask --model demo-run/run/checkpoints/step_100/actor --index demo-run/index \"Where was Kuniley born?\"");
        foreach (Option option in new Option[] { model, index, topK, maxTurns, maxTokens, temperature, device })
        {
            command.Options.Add(option);
        }
        command.Arguments.Add(question);
        command.SetAction(async (parseResult, ct) =>
        {
            string modelFolder = parseResult.GetValue(model)!.FullName;
            string text = parseResult.GetValue(question)!;
            try
            {
                using AgentFactory.LocalModel local = AgentFactory.LoadLocal(modelFolder, parseResult.GetValue(device));
                using IRetriever retriever = RetrieverFactory.Open(parseResult.GetValue(index)!);
                CheckpointSearchSettings? trained = CheckpointSearchSettings.Of(modelFolder);
                if (trained is not null)
                {
                    Console.Error.WriteLine($"searching as trained ({trained.Source}): top-k {trained.TopK}, " +
                        $"{trained.MaxTurns} turns, {trained.MaxResponseTokens} tokens per turn");
                }
                var settings = new AgentSettings(
                    MaxTurns: parseResult.GetValue(maxTurns) ?? trained?.MaxTurns ?? 4,
                    TopK: parseResult.GetValue(topK) ?? trained?.TopK ?? 3,
                    MaxResponseTokens: parseResult.GetValue(maxTokens) ?? trained?.MaxResponseTokens ?? 500,
                    MaxObservationTokens: 500,
                    Temperature: parseResult.GetValue(temperature),
                    Seed: 0);
                string prompt = PromptTemplates.SearchR1(text);
                IReadOnlyList<AgentTrajectory> result = await local.Agent().RunAsync([prompt], settings, retriever, ct);
                AgentTrajectory trajectory = result[0];
                for (int i = 0; i < trajectory.Turns.Count; i++)
                {
                    var turn = trajectory.Turns[i];
                    Console.WriteLine($"── turn {i + 1} ({turn.Action})");
                    Console.WriteLine(turn.Response.Trim());
                    if (turn.Observation.Length > 0)
                    {
                        Console.WriteLine(DemoReport.Mark(turn.Observation.Trim()));
                    }
                }
                string? answer = AnswerExtractor.Extract(prompt + trajectory.Response);
                Console.WriteLine($"── answer: {answer ?? "(none)"}  ({trajectory.Searches.Count} search(es))");
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"searchr1 ask: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}

using System.CommandLine;
using SearchR1.Evaluation.Agents;
using SearchR1.Server.Policy;
using Spectre.Console;

namespace SearchR1.Cli.Commands;

/// <summary><c>searchr1 serve policy</c>: an OpenAI-compatible server over a local model.</summary>
internal static class ServePolicyCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Hugging Face model folder (config.json, model.safetensors, tokenizer).", Required = true };
        var host = new Option<string>("--host") { Description = "Bind address (0.0.0.0 to expose it).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "TCP port (0 = any free port).", DefaultValueFactory = _ => 8001 };
        var device = new Option<string?>("--device") { Description = "cpu, cuda, cuda:N (default: best available)." };
        var maxBatch = new Option<int>("--max-batch") { Description = "Concurrent requests generated together.", DefaultValueFactory = _ => 32 };

        var command = new Command("policy",
            "Serve a local model over the OpenAI API (/v1/completions, /v1/chat/completions with stop strings, max_tokens, temperature, " +
            "n = 1; /v1/models), so `searchr1 eval --endpoint` and any OpenAI client can use it.\n\n" +
            "Example:\n  searchr1 serve policy --model ckpt/actor --port 8001\n" +
            "  curl http://127.0.0.1:8001/v1/completions -d '{\"prompt\": \"Question: …\", \"max_tokens\": 64, \"stop\": [\"</answer>\"]}'");
        command.Options.Add(model);
        command.Options.Add(host);
        command.Options.Add(port);
        command.Options.Add(device);
        command.Options.Add(maxBatch);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            try
            {
                using var local = AgentFactory.LoadLocal(parseResult.GetValue(model)!, parseResult.GetValue(device));
                var options = new PolicyServerOptions(parseResult.GetValue(host)!, parseResult.GetValue(port), parseResult.GetValue(maxBatch));
                await using var server = await PolicyServer.StartAsync(local.Continuer(), options, cancellationToken);
                console.MarkupLine($"[green]serving {Markup.Escape(local.Folder)} at {Markup.Escape(server.BaseAddress + "v1")} (Ctrl+C to stop)[/]");
                await server.WaitAsync(cancellationToken);
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or InvalidOperationException)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 2;
            }
        });
        return command;
    }
}

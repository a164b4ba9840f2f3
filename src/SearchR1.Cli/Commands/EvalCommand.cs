using System.CommandLine;
using System.Globalization;
using SearchR1.Evaluation.Methods;
using SearchR1.Evaluation.Policies;
using SearchR1.Evaluation.Reports;
using SearchR1.Evaluation.Running;
using Spectre.Console;

namespace SearchR1.Cli.Commands;

/// <summary><c>searchr1 eval</c>: the paper's table for a model (local or served) and a retriever; or <c>--report</c> to compare runs.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "Local Hugging Face model folder (config.json, model.safetensors, tokenizer)." };
        var endpoint = new Option<string?>("--endpoint")
        {
            Description = "OpenAI-compatible server instead of a local model (vLLM, SGLang, llama.cpp, `searchr1 serve policy`), e.g. http://127.0.0.1:8001/v1.",
        };
        var api = new Option<string>("--api")
        {
            Description = "Endpoint route: chat (/v1/chat/completions, the server applies the chat template; continuing a turn needs " +
                          "continue_final_message support) or completions (/v1/completions, raw text; see --tokenizer).",
            DefaultValueFactory = _ => "chat",
        };
        api.AcceptOnlyFromAmong("chat", "completions");
        var endpointModel = new Option<string?>("--endpoint-model") { Description = "Model name sent to the endpoint (default: the first it lists)." };
        var apiKey = new Option<string?>("--api-key") { Description = "Bearer key for the endpoint (default: $OPENAI_API_KEY, else none)." };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "Completions route: folder whose chat template wraps the prompt (SPEC §1.1)." };
        var concurrency = new Option<int>("--concurrency") { Description = "Endpoint requests in flight.", DefaultValueFactory = _ => 8 };
        var device = new Option<string?>("--device") { Description = "Local model device: cpu, cuda, cuda:N (default: best available)." };
        var data = new Option<string[]>("--data")
        {
            Description = "QA files: Search-R1 parquet (data_source per row), FlashRAG jsonl, or JSON lists of {question, answer} " +
                          "(data_source from the file name, e.g. hotpotqa.dev.json → hotpotqa).",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.ZeroOrMore,
        };
        var index = new Option<string?>("--index") { Description = "Index folder (`searchr1 index bm25|dense`)." };
        var retrieverUrl = new Option<string?>("--retriever-url") { Description = "A Search-R1 /retrieve server, e.g. http://127.0.0.1:8000/retrieve." };
        var method = new Option<string[]>("--method")
        {
            Description = "search-r1 (multi-turn search), direct, cot, rag (top-k passages in the RAG template), r1 (R1 template). " +
                          "Several give one table row each.",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.ZeroOrMore,
        };
        var topk = new Option<int>("--topk", "-k", "--top-k") { Description = "Passages per search.", DefaultValueFactory = _ => 3 };
        var maxTurns = new Option<int>("--max-turns") { Description = "Search turns before the final answer turn.", DefaultValueFactory = _ => 4 };
        var temperature = new Option<float>("--temperature")
        {
            Description = "0 = greedy (default); 1 reproduces the original's sampled validation.",
            DefaultValueFactory = _ => 0f,
        };
        var maxTokens = new Option<int>("--max-tokens") { Description = "New tokens per generation.", DefaultValueFactory = _ => 500 };
        var seed = new Option<long>("--seed") { Description = "Sampling seed (temperature > 0).", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch-size") { Description = "Questions generated together.", DefaultValueFactory = _ => 32 };
        var limit = new Option<int?>("--limit") { Description = "At most N questions per data source (the first ones)." };
        var config = new Option<string?>("--config") { Description = "YAML or JSON file with these settings (top_k, max_turns, temperature, …); flags override it." };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Run folder: predictions.jsonl, manifest.json, results.md/.csv/.png. Re-running with the same folder resumes.",
        };
        var metric = new Option<string>("--metric") { Description = "Metric of the console table: em, f1 or subem.", DefaultValueFactory = _ => "em" };
        metric.AcceptOnlyFromAmong("em", "f1", "subem");
        var report = new Option<string[]>("--report")
        {
            Description = "Compare run folders side by side instead of evaluating: writes report.md, report.csv and report.png into --out.",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.ZeroOrMore,
        };

        var command = new Command("eval",
            "Evaluate a search agent on QA benchmarks: Search-R1 and the paper's baselines (direct, CoT, RAG, R1), a local model or any " +
            "OpenAI-compatible endpoint, EM / F1 / sub-EM per dataset as in the paper's table. Greedy by default.\n\n" +
            "Examples:\n" +
            "  searchr1 eval --model ckpt/actor --data test.parquet --index indexes/wiki18-bm25 --method search-r1 --out runs/sr1\n" +
            "  searchr1 eval --endpoint http://127.0.0.1:8001/v1 --data nq.test.jsonl bamboogle.test.jsonl --retriever-url " +
            "http://127.0.0.1:8000/retrieve --method direct rag search-r1 --limit 200 --out runs/base\n" +
            "  searchr1 eval --report runs/base runs/sr1 --out runs/compare");
        foreach (Option option in new Option[]
                 {
                     model, endpoint, api, endpointModel, apiKey, tokenizer, concurrency, device, data, index, retrieverUrl, method, topk,
                     maxTurns, temperature, maxTokens, seed, batch, limit, config, output, metric, report,
                 })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            ScoreMetric shown = parseResult.GetValue(metric) switch { "f1" => ScoreMetric.F1, "subem" => ScoreMetric.SubEm, _ => ScoreMetric.Em };
            try
            {
                string[] reports = parseResult.GetValue(report) ?? [];
                if (reports.Length > 0)
                {
                    return Report(reports, parseResult.GetValue(output) ?? "eval-report", shown, console);
                }

                EvalOptions options = EvalOptionsFile.Load(parseResult.GetValue(config));
                options = options with
                {
                    TopK = Pick(parseResult, topk, options.TopK),
                    MaxTurns = Pick(parseResult, maxTurns, options.MaxTurns),
                    Temperature = Pick(parseResult, temperature, options.Temperature),
                    MaxResponseTokens = Pick(parseResult, maxTokens, options.MaxResponseTokens),
                    Seed = Pick(parseResult, seed, options.Seed),
                    BatchSize = Pick(parseResult, batch, options.BatchSize),
                    OutputDirectory = parseResult.GetValue(output)
                        ?? options.OutputDirectory
                        ?? Path.Combine("eval-runs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)),
                };
                string[] methods = parseResult.GetValue(method) is { Length: > 0 } given ? given : ["search-r1"];
                string? endpointUrl = parseResult.GetValue(endpoint);
                var spec = new EvalRunSpec
                {
                    ModelPath = parseResult.GetValue(model),
                    Endpoint = endpointUrl is null ? null : new OpenAiEndpointOptions(
                        new Uri(endpointUrl),
                        parseResult.GetValue(endpointModel),
                        parseResult.GetValue(api) == "completions" ? OpenAiApi.Completions : OpenAiApi.Chat,
                        parseResult.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? "none",
                        parseResult.GetValue(concurrency)),
                    TokenizerPath = parseResult.GetValue(tokenizer),
                    Device = parseResult.GetValue(device),
                    DataFiles = parseResult.GetValue(data) ?? [],
                    IndexPath = parseResult.GetValue(index),
                    RetrieverUrl = parseResult.GetValue(retrieverUrl),
                    Methods = methods.SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(EvalMethods.Parse).Distinct().ToList(),
                    Limit = parseResult.GetValue(limit),
                    Options = options,
                    CommandLine = "searchr1 " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
                };

                EvalRunOutcome outcome;
                Action<string> log = line => console.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
                if (!console.Profile.Capabilities.Interactive)
                {
                    // Logs and CI: one line per batch, with the ETA the bar would show.
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    string? current = null;
                    var lines = new SyncProgress<EvalProgress>(p =>
                    {
                        if (p.Method != current)
                        {
                            (current, clock) = (p.Method, System.Diagnostics.Stopwatch.StartNew());
                        }
                        console.WriteLine(ProgressLine(p, clock.Elapsed));
                    });
                    outcome = await EvalRun.RunAsync(spec, lines, log, cancellationToken);
                }
                else
                {
                    EvalRunOutcome? done = null;
                    await console.Progress()
                        .AutoClear(false)
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(),
                            new RemainingTimeColumn(), new SpinnerColumn())
                        .StartAsync(async context =>
                        {
                            var bars = new Dictionary<string, ProgressTask>();
                            var progress = new SyncProgress<EvalProgress>(p =>
                            {
                                if (!bars.TryGetValue(p.Method, out var bar))
                                {
                                    bar = bars[p.Method] = context.AddTask(p.Method, maxValue: Math.Max(1, p.Total));
                                }
                                bar.Value = p.Done;
                                bar.Description = $"{p.Method} EM {p.RunningEm:F3} ({p.Done}/{p.Total}{(p.Resumed > 0 ? $", {p.Resumed} resumed" : "")})";
                            });
                            done = await EvalRun.RunAsync(spec, progress, log, cancellationToken);
                        });
                    outcome = done!;
                }

                Console.Out.Write(outcome.Table.ToText(shown));
                console.MarkupLine($"[green]{ScoreMetrics.Title(shown)} above; EM, F1 and sub-EM in {Markup.Escape(Path.Combine(outcome.Folder, RunFolder.MarkdownFile))}, " +
                    $"{RunFolder.CsvFile}, {RunFolder.ChartFile}; every example in {PredictionLog.FileName}[/]");
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or InvalidDataException or UnauthorizedAccessException
                                          or System.ClientModel.ClientResultException or HttpRequestException or SearchR1.Core.Data.QaDataException)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 2;
            }
        });
        return command;
    }

    private static int Report(IReadOnlyList<string> folders, string output, ScoreMetric shown, IAnsiConsole console)
    {
        var rows = new List<ResultRow>();
        foreach (string folder in folders)
        {
            string label = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
            ResultTable run = RunFolder.Load(folder, folders.Count > 1 ? label : null);
            rows.AddRange(run.Rows);
        }
        var table = new ResultTable(rows);
        Directory.CreateDirectory(output);
        AtomicFile.WriteAllText(Path.Combine(output, "report.md"), RunFolder.Markdown(table, null, "Evaluation runs compared"));
        AtomicFile.WriteAllText(Path.Combine(output, "report.csv"), table.ToCsv());
        ResultChart.SavePng(table, shown, Path.Combine(output, "report.png"));
        Console.Out.Write(table.ToText(shown));
        console.MarkupLine($"[green]report.md, report.csv and report.png in {Markup.Escape(output)}[/]");
        return 0;
    }

    private static string ProgressLine(EvalProgress p, TimeSpan elapsed)
    {
        int generated = p.Done - p.Resumed;
        int left = p.Total - p.Done;
        string eta = generated > 0 && left > 0
            ? TimeSpan.FromSeconds(elapsed.TotalSeconds / generated * left).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)
            : "--:--:--";
        return $"{p.Method}: {p.Done}/{p.Total} ({(p.Resumed > 0 ? $"{p.Resumed} resumed, " : "")}EM {p.RunningEm:F3}) " +
               $"elapsed {elapsed.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)} ETA {eta}";
    }

    // A flag given on the command line wins over the config file; an absent one keeps the file's (or default) value.
    private static T Pick<T>(ParseResult parseResult, Option<T> option, T fromFile) =>
        parseResult.GetResult(option) is { Implicit: false } ? parseResult.GetValue(option)! : fromFile;

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool and reorder updates).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

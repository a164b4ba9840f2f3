using System.CommandLine;
using SearchR1.Retrieval;
using Spectre.Console;
using SearchR1.Retrieval.Dense;
using SearchR1.Server.Retrieval;
using static SearchR1.Cli.Commands.RetrievalCommandSupport;

namespace SearchR1.Cli.Commands;

/// <summary><c>searchr1 serve retriever</c>: the Search-R1 /retrieve API over an index.</summary>
internal static class ServeRetrieverCommand
{
    public static Command Create()
    {
        var index = new Option<string>("--index", "-i") { Description = "Index folder (BM25 or dense, read by its manifest).", Required = true };
        var host = new Option<string>("--host") { Description = "Address to bind (0.0.0.0 exposes it to the network).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port", "-p") { Description = "Port.", DefaultValueFactory = _ => 8000 };
        var config = new Option<FileInfo?>("--config") { Description = "JSON file with server settings (RetrievalServerOptions: host, port, defaultTopK, maxTopK, maxQueries, maxQueryChars, maxBodyBytes, shutdownTimeoutSeconds)." };
        var maxTopK = new Option<int?>("--max-topk") { Description = "Largest topk accepted (default 1000)." };
        var maxQueries = new Option<int?>("--max-queries") { Description = "Most queries per request (default 4096)." };
        var maxBody = new Option<long?>("--max-body-bytes") { Description = "Largest request body (default 8 MiB)." };
        var device = new Option<string>("--device") { Description = "Dense search device: auto, cpu or cuda[:n].", DefaultValueFactory = _ => "auto" };

        var command = new Command("retriever",
            "Serve an index with the original Search-R1 API: POST /retrieve {\"queries\": [...], \"topk\": 3, \"return_scores\": true} → " +
            "{\"result\": [[{\"document\": {...}, \"score\": ...}]]}, and GET /health. Binds 127.0.0.1 unless told otherwise; stops " +
            "gracefully on SIGTERM or Ctrl+C.\n\nExample:\n  searchr1 serve retriever --index indexes/wiki18-bm25 --port 8000");
        foreach (Option option in new Option[] { index, host, port, config, maxTopK, maxQueries, maxBody, device })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parseResult, ct) =>
        {
            try
            {
                RetrievalServerOptions options = LoadConfig<RetrievalServerOptions>(parseResult.GetValue(config)?.FullName);
                options = options with
                {
                    Host = Given(parseResult, host) ? parseResult.GetValue(host)! : options.Host,
                    Port = Given(parseResult, port) ? parseResult.GetValue(port) : options.Port,
                    MaxTopK = parseResult.GetValue(maxTopK) ?? options.MaxTopK,
                    MaxQueries = parseResult.GetValue(maxQueries) ?? options.MaxQueries,
                    MaxBodyBytes = parseResult.GetValue(maxBody) ?? options.MaxBodyBytes,
                };
                string indexPath = parseResult.GetValue(index)!;
                using IRetriever retriever = RetrieverFactory.Open(indexPath,
                    new RetrieverOptions { Dense = new DenseSearchOptions { Device = parseResult.GetValue(device)! } });
                await using RetrievalServer server = await RetrievalServer.StartAsync(retriever, options, ct).ConfigureAwait(false);
                Stderr.MarkupLineInterpolated($"Serving {indexPath} at {server.BaseAddress}retrieve (GET {server.BaseAddress}health); Ctrl+C or SIGTERM stops.");
                await server.WaitForShutdownAsync(ct).ConfigureAwait(false);
                Stderr.MarkupLine("Stopped.");
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or FormatException or ArgumentException or UnauthorizedAccessException)
            {
                return Fail(e);
            }
        });
        return command;
    }
}

using System.CommandLine;
using System.Text;
using System.Text.Json;
using SearchR1.Retrieval;
using Spectre.Console;
using SearchR1.Retrieval.Dense;
using static SearchR1.Cli.Commands.RetrievalCommandSupport;

namespace SearchR1.Cli.Commands;

/// <summary><c>searchr1 search</c>: query an index (or a /retrieve server) for people, or in batch for programs.</summary>
internal static class SearchCommand
{
    private const int BatchSize = 256;

    public static Command Create()
    {
        var index = new Option<string[]>("--index", "-i")
        {
            Description = "Index folder (BM25 or dense, read by its manifest) or http(s) URL of a /retrieve server. Give it twice for a hybrid (reciprocal rank fusion).",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var topK = new Option<int>("--topk", "-k") { Description = "Passages per query.", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "Print JSON lines ({\"id\", \"query\", \"results\"}) instead of text." };
        var input = new Option<FileInfo?>("--input") { Description = "Batch mode: jsonl of {\"id\": …, \"query\": …}." };
        var output = new Option<FileInfo?>("--output") { Description = "Batch mode: jsonl written atomically, one {\"id\", \"query\", \"results\": [{\"id\", \"title\", \"text\", \"contents\", \"score\"}…]} per input line." };
        var device = new Option<string>("--device") { Description = "Dense search device: auto, cpu or cuda[:n].", DefaultValueFactory = _ => "auto" };
        var encoder = new Option<DirectoryInfo?>("--encoder") { Description = "Encoder folder for a dense index, if not the one its manifest records." };
        var multifield = new Option<bool>("--multifield") { Description = "BM25: search title and text as separate fields (pyserini bm25-multifield; the index must be built with --multifield)." };
        var queries = new Argument<string[]>("query") { Description = "Queries (quote each one).", Arity = ArgumentArity.ZeroOrMore };

        var command = new Command("search",
            "Search an index: ranked passages per query. Queries are plain text (nothing in them is query syntax).\n\n" +
            "Examples:\n  searchr1 search --index indexes/wiki18-bm25 \"who was Evan Morris\"\n" +
            "  searchr1 search --index indexes/wiki18-e5 --input questions.jsonl --output results.jsonl --topk 5\n" +
            "  searchr1 search --index indexes/bm25 --index indexes/e5 --json \"Paul Walker films\"");
        foreach (Option option in new Option[] { index, topK, json, input, output, device, encoder, multifield })
        {
            command.Options.Add(option);
        }
        command.Arguments.Add(queries);
        command.SetAction(async (parseResult, ct) =>
        {
            try
            {
                int k = parseResult.GetValue(topK);
                if (k <= 0)
                {
                    throw new ArgumentException($"--topk must be positive, got {k}");
                }
                var options = new RetrieverOptions
                {
                    Bm25 = new SearchR1.Retrieval.Bm25.Bm25Options { Multifield = parseResult.GetValue(multifield) },
                    Dense = new DenseSearchOptions { Device = parseResult.GetValue(device)!, Encoder = parseResult.GetValue(encoder)?.FullName },
                };
                string[] indexes = parseResult.GetValue(index)!;
                using IRetriever retriever = indexes.Length == 1
                    ? RetrieverFactory.Open(indexes[0], options)
                    : new HybridRetriever(indexes.Select(i => RetrieverFactory.Open(i, options)).ToArray());
                FileInfo? inputFile = parseResult.GetValue(input);
                if (inputFile is not null)
                {
                    FileInfo outputFile = parseResult.GetValue(output) ?? throw new ArgumentException("--input needs --output");
                    long written = await RunBatchAsync(retriever, inputFile.FullName, outputFile.FullName, k, ct).ConfigureAwait(false);
                    Stderr.MarkupLineInterpolated($"{written} queries answered into {outputFile.FullName}");
                    return 0;
                }
                string[] texts = parseResult.GetValue(queries) ?? [];
                if (texts.Length == 0)
                {
                    throw new ArgumentException("give queries as arguments, or --input FILE --output FILE");
                }
                var results = await retriever.SearchAsync(texts, k, ct).ConfigureAwait(false);
                for (int q = 0; q < texts.Length; q++)
                {
                    if (parseResult.GetValue(json))
                    {
                        Console.WriteLine(FormatResultLine(w => w.WriteNumberValue(q), texts[q], results[q]));
                    }
                    else
                    {
                        PrintForPeople(texts[q], results[q]);
                    }
                }
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or FormatException or ArgumentException
                or UnauthorizedAccessException or HttpRequestException or JsonException)
            {
                return Fail(e);
            }
        });
        return command;
    }

    private static async Task<long> RunBatchAsync(IRetriever retriever, string inputPath, string outputPath, int k, CancellationToken ct)
    {
        string temporary = outputPath + $".tmp-{Environment.ProcessId}";
        long written = 0;
        try
        {
            await using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false)) { NewLine = "\n" })
            {
                var batch = new List<(JsonElement Id, string Query)>(BatchSize);
                long lineNumber = 0;
                foreach (string line in File.ReadLines(inputPath))
                {
                    lineNumber++;
                    if (string.IsNullOrWhiteSpace(line))
                    {
                        continue;
                    }
                    batch.Add(ParseQueryLine(line, inputPath, lineNumber));
                    if (batch.Count == BatchSize)
                    {
                        written += await FlushAsync(retriever, batch, writer, k, ct).ConfigureAwait(false);
                    }
                }
                written += await FlushAsync(retriever, batch, writer, k, ct).ConfigureAwait(false);
            }
            File.Move(temporary, outputPath, overwrite: true);
            return written;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static (JsonElement Id, string Query) ParseQueryLine(string line, string path, long lineNumber)
    {
        JsonElement root;
        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{lineNumber}: expected a JSON object {{\"id\", \"query\"}} ({e.Message})");
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}:{lineNumber}: expected a JSON object {{\"id\", \"query\"}}, found {root.ValueKind}");
        }
        if (!root.TryGetProperty("query", out JsonElement query) || query.ValueKind != JsonValueKind.String)
        {
            throw new InvalidDataException($"{path}:{lineNumber}: field 'query': expected a string");
        }
        JsonElement id = root.TryGetProperty("id", out JsonElement given) ? given : JsonDocument.Parse(lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)).RootElement;
        return (id, query.GetString()!);
    }

    private static async Task<int> FlushAsync(IRetriever retriever, List<(JsonElement Id, string Query)> batch, StreamWriter writer, int k, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return 0;
        }
        var results = await retriever.SearchAsync(batch.Select(b => b.Query).ToArray(), k, ct).ConfigureAwait(false);
        for (int i = 0; i < batch.Count; i++)
        {
            JsonElement id = batch[i].Id;
            await writer.WriteLineAsync(FormatResultLine(w => id.WriteTo(w), batch[i].Query, results[i])).ConfigureAwait(false);
        }
        int n = batch.Count;
        batch.Clear();
        return n;
    }

    private static string FormatResultLine(Action<Utf8JsonWriter> writeId, string query, IReadOnlyList<RetrievedPassage> hits)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("id");
            writeId(writer);
            writer.WriteString("query", query);
            writer.WriteStartArray("results");
            foreach (RetrievedPassage hit in hits)
            {
                writer.WriteStartObject();
                writer.WriteString("id", hit.Id);
                writer.WriteString("title", hit.Title);
                writer.WriteString("text", hit.Text);
                writer.WriteString("contents", hit.Contents);
                writer.WriteNumber("score", hit.Score);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void PrintForPeople(string query, IReadOnlyList<RetrievedPassage> hits)
    {
        Console.WriteLine($"Query: {query}");
        if (hits.Count == 0)
        {
            Console.WriteLine("  (no passage matches)");
        }
        for (int i = 0; i < hits.Count; i++)
        {
            string text = hits[i].Text.ReplaceLineEndings(" ");
            Console.WriteLine($"  {i + 1}. [{hits[i].Id}] {hits[i].Title}  (score {hits[i].Score:F4})");
            Console.WriteLine($"     {(text.Length > 200 ? text[..200] + "…" : text)}");
        }
        Console.WriteLine();
    }
}

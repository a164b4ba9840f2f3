using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SearchR1.Retrieval;
using SearchR1.Retrieval.Benchmarks;
using SearchR1.Retrieval.Bm25;
using SearchR1.Retrieval.Dense;
using SearchR1.Retrieval.Http;
using SearchR1.Server.Retrieval;
using Spectre.Console;
using static SearchR1.Cli.Commands.RetrievalCommandSupport;

namespace SearchR1.Cli.Commands;

/// <summary><c>searchr1 bench retrieval</c>: indexing and search speed on a deterministic synthetic corpus.</summary>
internal static class BenchRetrievalCommand
{
    public static Command Create()
    {
        var passages = new Option<long>("--passages", "-n") { Description = "Synthetic passages to index (about 100 words each).", DefaultValueFactory = _ => 1_000_000 };
        var queries = new Option<int>("--queries") { Description = "BM25 queries per measurement.", DefaultValueFactory = _ => 2000 };
        var denseQueries = new Option<int>("--dense-queries") { Description = "Dense queries per measurement (exact search scans every vector).", DefaultValueFactory = _ => 256 };
        var clients = new Option<int>("--clients", "-c") { Description = "Concurrent clients for the concurrent and HTTP measurements.", DefaultValueFactory = _ => 4 };
        var topK = new Option<int>("--topk", "-k") { Description = "Passages per query.", DefaultValueFactory = _ => 3 };
        var batch = new Option<int>("--batch") { Description = "Queries per call in the batched measurement (the trainer sends one batch per turn).", DefaultValueFactory = _ => 64 };
        var kinds = new Option<string>("--kinds") { Description = "bm25, dense, or bm25,dense.", DefaultValueFactory = _ => "bm25,dense" };
        var dim = new Option<int>("--dim") { Description = "Dense vector size (768 = e5-base).", DefaultValueFactory = _ => 768 };
        var dtype = new Option<string>("--dtype") { Description = "Dense vector type: float16 or float32.", DefaultValueFactory = _ => "float16" };
        var encoder = new Option<DirectoryInfo?>("--encoder") { Description = "ONNX encoder folder for dense; default: a model-free hashing encoder, which measures the index, not a model." };
        var http = new Option<bool>("--http") { Description = "Also measure over HTTP (our /retrieve server on 127.0.0.1).", DefaultValueFactory = _ => true };
        var work = new Option<DirectoryInfo?>("--work") { Description = "Folder for the indexes (default: a temporary folder, deleted at the end)." };
        var seed = new Option<int>("--seed") { Description = "Corpus seed (same seed, same corpus and queries).", DefaultValueFactory = _ => 1234 };

        var command = new Command("retrieval",
            "Benchmark retrieval on a synthetic corpus generated deterministically: indexing passages/s and memory, then queries/s " +
            "and p50/p99 latency for BM25 and dense search, in-process (1 client, N clients, batched) and over HTTP with N clients. " +
            "Prints a Markdown table for docs/PERFORMANCE.md.\n\nExamples:\n  searchr1 bench retrieval\n" +
            "  searchr1 bench retrieval --passages 200000 --clients 4 --kinds bm25");
        foreach (Option option in new Option[] { passages, queries, denseQueries, clients, topK, batch, kinds, dim, dtype, encoder, http, work, seed })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parseResult, ct) =>
        {
            DirectoryInfo? workOption = parseResult.GetValue(work);
            string folder = workOption?.FullName ?? Path.Combine(Path.GetTempPath(), "searchr1-bench-retrieval-" + Guid.NewGuid().ToString("N"));
            try
            {
                var settings = new Settings(
                    parseResult.GetValue(passages), parseResult.GetValue(queries), parseResult.GetValue(denseQueries),
                    Math.Max(1, parseResult.GetValue(clients)), parseResult.GetValue(topK), Math.Max(1, parseResult.GetValue(batch)),
                    parseResult.GetValue(dim), VectorDTypes.Parse(parseResult.GetValue(dtype)!), parseResult.GetValue(encoder)?.FullName,
                    parseResult.GetValue(http), parseResult.GetValue(seed));
                string[] which = parseResult.GetValue(kinds)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                Directory.CreateDirectory(folder);
                var corpus = new SyntheticCorpus(seed: settings.Seed);
                var rows = new List<string>();
                Console.WriteLine($"Synthetic corpus: {settings.Passages:N0} passages (seed {settings.Seed}), {Environment.ProcessorCount} cores, topk {settings.TopK}");
                if (which.Contains("bm25"))
                {
                    await BenchBm25Async(corpus, settings, Path.Combine(folder, "bm25"), rows, ct).ConfigureAwait(false);
                }
                if (which.Contains("dense"))
                {
                    await BenchDenseAsync(corpus, settings, Path.Combine(folder, "dense"), rows, ct).ConfigureAwait(false);
                }
                Console.WriteLine();
                Console.WriteLine("| retriever | mode | clients | queries/call | queries | queries/s | p50 ms/call | p99 ms/call |");
                Console.WriteLine("|---|---|---|---|---|---|---|---|");
                rows.ForEach(Console.WriteLine);
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or HttpRequestException)
            {
                return Fail(e);
            }
            finally
            {
                if (workOption is null && Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        });
        return command;
    }

    private sealed record Settings(long Passages, int Queries, int DenseQueries, int Clients, int TopK, int Batch, int Dimension,
        VectorDType DType, string? Encoder, bool Http, int Seed);

    private static async Task BenchBm25Async(SyntheticCorpus corpus, Settings settings, string folder, List<string> rows, CancellationToken ct)
    {
        var memory = new List<string>();
        long checkpoint = Math.Max(1, settings.Passages / 4);
        var clock = Stopwatch.StartNew();
        long count = await WithPassageProgressAsync("BM25 index", progress => new Bm25IndexBuilder().Build(
            corpus.Passages(settings.Passages), folder, new MemorySampler(progress, checkpoint, memory), ct)).ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"BM25 indexing: {count:N0} passages in {seconds:N1} s = {count / seconds:N0} passages/s; working set at each quarter: {string.Join(", ", memory)}; index {FolderMegabytes(folder):N0} MB");

        IReadOnlyList<string> queries = corpus.Queries(settings.Queries, settings.Passages);
        using var retriever = new Bm25Retriever(folder);
        await MeasureAllAsync("BM25", retriever, queries, settings, rows, ct).ConfigureAwait(false);
    }

    private static async Task BenchDenseAsync(SyntheticCorpus corpus, Settings settings, string folder, List<string> rows, CancellationToken ct)
    {
        ITextEncoder encoder = settings.Encoder is null ? new HashingTextEncoder(settings.Dimension) : new OnnxTextEncoder(settings.Encoder);
        string encoderName = settings.Encoder ?? DenseRetriever.HashingEncoderName;
        var clock = Stopwatch.StartNew();
        long count;
        using (encoder)
        {
            var memory = new List<string>();
            var builder = new DenseIndexBuilder(encoder, settings.DType, batchSize: 1024);
            count = await WithPassageProgressAsync("Dense index", progress => builder.Build(corpus.Passages(settings.Passages), folder, encoderName,
                settings.Encoder is null ? null : EncoderOptions.ForModel(settings.Encoder), new MemorySampler(progress, Math.Max(1, settings.Passages / 4), memory), ct)).ConfigureAwait(false);
            double seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"Dense indexing ({encoder.Dimension}-d {settings.DType.Name()}, {(settings.Encoder is null ? "hashing encoder" : settings.Encoder)}): {count:N0} passages in {seconds:N1} s = {count / seconds:N0} passages/s; working set at each quarter: {string.Join(", ", memory)}; index {FolderMegabytes(folder):N0} MB");
        }
        IReadOnlyList<string> queries = corpus.Queries(settings.DenseQueries, settings.Passages);
        using var retriever = DenseRetriever.Open(folder, new DenseSearchOptions { Device = "cpu" });
        await MeasureAllAsync("Dense (exact, CPU)", retriever, queries, settings, rows, ct).ConfigureAwait(false);
    }

    private static async Task MeasureAllAsync(string name, IRetriever retriever, IReadOnlyList<string> queries, Settings settings, List<string> rows, CancellationToken ct)
    {
        // Warm up (page in the index, JIT) before measuring.
        await LoadGenerator.RunAsync(retriever, queries.Take(Math.Min(32, queries.Count)).ToArray(), 1, 1, settings.TopK, ct).ConfigureAwait(false);
        rows.Add(Row(name, "in-process", await Measure(retriever, queries, 1, 1)));
        rows.Add(Row(name, "in-process", await Measure(retriever, queries, settings.Clients, 1)));
        rows.Add(Row(name, "in-process", await Measure(retriever, queries, 1, settings.Batch)));
        if (settings.Http)
        {
            await using RetrievalServer server = await RetrievalServer.StartAsync(retriever, new RetrievalServerOptions { Port = 0 }, ct).ConfigureAwait(false);
            using var client = new HttpRetriever(server.BaseAddress.ToString());
            await LoadGenerator.RunAsync(client, queries.Take(Math.Min(32, queries.Count)).ToArray(), 1, 1, settings.TopK, ct).ConfigureAwait(false);
            rows.Add(Row(name, "HTTP", await Measure(client, queries, settings.Clients, 1)));
            rows.Add(Row(name, "HTTP", await Measure(client, queries, settings.Clients, settings.Batch)));
        }

        async Task<LoadFigures> Measure(IRetriever target, IReadOnlyList<string> texts, int clients, int batchSize)
        {
            LoadFigures figures = await LoadGenerator.RunAsync(target, texts, clients, batchSize, settings.TopK, ct).ConfigureAwait(false);
            Stderr.MarkupLineInterpolated($"{name}: {clients} client(s), {batchSize} queries/call: {figures.QueriesPerSecond:N0} queries/s, p50 {figures.P50Milliseconds:N2} ms, p99 {figures.P99Milliseconds:N2} ms");
            return figures;
        }
    }

    private static string Row(string name, string mode, LoadFigures f) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {mode} | {f.Clients} | {f.BatchSize} | {f.Queries:N0} | {f.QueriesPerSecond:N0} | {f.P50Milliseconds:N2} | {f.P99Milliseconds:N2} |");

    private static double FolderMegabytes(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1e6;

    /// <summary>Passes progress on and records the process working set at each quarter of the corpus (indexing memory must stay flat).</summary>
    private sealed class MemorySampler : IProgress<long>
    {
        private readonly IProgress<long> _inner;
        private readonly long _every;
        private readonly List<string> _samples;
        private long _next;

        public MemorySampler(IProgress<long> inner, long every, List<string> samples)
        {
            _inner = inner;
            _every = every;
            _samples = samples;
            _next = every;
        }

        public void Report(long value)
        {
            _inner.Report(value);
            while (value >= _next)
            {
                lock (_samples)
                {
                    _samples.Add($"{Environment.WorkingSet / 1e6:N0} MB");
                }
                _next += _every;
            }
        }
    }
}

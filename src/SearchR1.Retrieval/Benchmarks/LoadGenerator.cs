using System.Diagnostics;

namespace SearchR1.Retrieval.Benchmarks;

/// <summary>
/// Drives a retriever with N concurrent clients, each sending batches of queries until all are answered, and
/// measures throughput and per-call latency.
/// </summary>
public static class LoadGenerator
{
    public static async Task<LoadFigures> RunAsync(IRetriever retriever, IReadOnlyList<string> queries, int clients, int batchSize, int topK,
        CancellationToken ct = default)
    {
        int batches = (queries.Count + batchSize - 1) / batchSize;
        var latencies = new double[batches];
        int next = -1;
        long hits = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches)
            {
                int start = b * batchSize;
                var batch = new string[Math.Min(batchSize, queries.Count - start)];
                for (int i = 0; i < batch.Length; i++)
                {
                    batch[i] = queries[start + i];
                }
                long t0 = Stopwatch.GetTimestamp();
                var results = await retriever.SearchAsync(batch, topK, ct).ConfigureAwait(false);
                latencies[b] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                Interlocked.Add(ref hits, results.Sum(r => r.Count));
            }
        }, ct))).ConfigureAwait(false);
        wall.Stop();
        Array.Sort(latencies);
        return new LoadFigures(queries.Count, clients, batchSize, wall.Elapsed.TotalSeconds,
            queries.Count / wall.Elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), hits);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

/// <summary>What one load run measured. Latencies are per call (one call = one batch).</summary>
public sealed record LoadFigures(int Queries, int Clients, int BatchSize, double Seconds, double QueriesPerSecond,
    double P50Milliseconds, double P99Milliseconds, long Hits);

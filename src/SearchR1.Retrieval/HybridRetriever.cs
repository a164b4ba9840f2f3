namespace SearchR1.Retrieval;

/// <summary>
/// Fuses several retrievers over the same corpus (e.g. BM25 + dense) by reciprocal rank fusion: a passage scores
/// Σ 1 / (<see cref="RrfK"/> + rank) over the lists it appears in (rank from 1), each list <see cref="Depth"/> deep.
/// Passages are matched by id.
/// </summary>
public sealed class HybridRetriever : IRetriever
{
    private readonly IReadOnlyList<IRetriever> _parts;

    public HybridRetriever(IReadOnlyList<IRetriever> parts)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("A hybrid retriever needs at least one retriever.", nameof(parts));
        }
        _parts = parts;
    }

    /// <summary>Hits taken from each retriever before fusing.</summary>
    public int Depth { get; init; } = 50;

    /// <summary>The RRF constant (60 in the original paper).</summary>
    public int RrfK { get; init; } = 60;

    public async Task<IReadOnlyList<IReadOnlyList<RetrievedPassage>>> SearchAsync(
        IReadOnlyList<string> queries, int topK, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        int depth = Math.Max(Depth, topK);
        var lists = await Task.WhenAll(_parts.Select(p => p.SearchAsync(queries, depth, ct))).ConfigureAwait(false);
        var fused = new IReadOnlyList<RetrievedPassage>[queries.Count];
        for (int q = 0; q < queries.Count; q++)
        {
            var scores = new Dictionary<string, (double Score, RetrievedPassage Passage, int FirstSeen)>(StringComparer.Ordinal);
            int order = 0;
            foreach (var perRetriever in lists)
            {
                IReadOnlyList<RetrievedPassage> hits = perRetriever[q];
                for (int rank = 0; rank < hits.Count; rank++)
                {
                    double add = 1.0 / (RrfK + rank + 1);
                    scores[hits[rank].Id] = scores.TryGetValue(hits[rank].Id, out var seen)
                        ? (seen.Score + add, seen.Passage, seen.FirstSeen)
                        : (add, hits[rank], order++);
                }
            }
            fused[q] = scores.Values
                .OrderByDescending(v => v.Score).ThenBy(v => v.FirstSeen)
                .Take(topK)
                .Select(v => v.Passage with { Score = v.Score })
                .ToArray();
        }
        return fused;
    }

    public void Dispose()
    {
        foreach (IRetriever part in _parts)
        {
            part.Dispose();
        }
    }
}

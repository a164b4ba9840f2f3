namespace SearchR1.Retrieval;

/// <summary>
/// A search engine answering a batch of queries at once (one call per rollout turn). Implementations are
/// thread-safe (several callers may search concurrently) and honour cancellation.
/// </summary>
public interface IRetriever : IDisposable
{
    /// <summary>
    /// Searches every query and returns, per query and in the same order, at most <paramref name="topK"/>
    /// passages ranked best first. A query with no searchable terms gets an empty list.
    /// </summary>
    Task<IReadOnlyList<IReadOnlyList<RetrievedPassage>>> SearchAsync(
        IReadOnlyList<string> queries, int topK, CancellationToken ct = default);
}

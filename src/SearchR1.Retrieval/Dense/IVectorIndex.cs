namespace SearchR1.Retrieval.Dense;

/// <summary>Exact maximum-inner-product search over a fixed set of vectors (row i = corpus line i).</summary>
public interface IVectorIndex : IDisposable
{
    long Count { get; }

    int Dimension { get; }

    /// <summary>For each of the <paramref name="queryCount"/> query vectors (row-major), the k rows of largest inner product, best first.</summary>
    ScoredRow[][] Search(ReadOnlySpan<float> queries, int queryCount, int k, CancellationToken ct = default);
}

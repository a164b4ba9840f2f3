namespace SearchR1.Retrieval.Dense;

/// <summary>A vector-index hit: the row (= corpus line) and its inner product with the query.</summary>
public readonly record struct ScoredRow(long Row, float Score);

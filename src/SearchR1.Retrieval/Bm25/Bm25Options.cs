namespace SearchR1.Retrieval.Bm25;

/// <summary>
/// BM25 settings. The defaults are pyserini's (k1 = 0.9, b = 0.4, Lucene's English analyzer over the whole
/// contents), which reproduce its published BEIR numbers exactly.
/// </summary>
public sealed record Bm25Options
{
    public float K1 { get; init; } = 0.9f;
    public float B { get; init; } = 0.4f;

    /// <summary><c>english</c> (Anserini's default: standard tokenizer, possessives, lower case, stop words, Porter) or <c>standard</c>.</summary>
    public string Analyzer { get; init; } = "english";

    /// <summary>Also index title and text as separate fields, searched together (pyserini's bm25-multifield).</summary>
    public bool Multifield { get; init; }

    /// <summary>Lucene's in-memory buffer before it flushes a segment; bounds indexing memory whatever the corpus size.</summary>
    public double RamBufferMb { get; init; } = 256;

    /// <summary>Merge the index into one segment after building (faster search, slower build).</summary>
    public bool ForceMerge { get; init; }

    /// <summary>
    /// At most this many distinct terms per query and field (Lucene refuses Boolean queries above 1,024 clauses;
    /// model-written queries can be long). Later terms are dropped.
    /// </summary>
    public int MaxQueryTerms { get; init; } = 1024;

    /// <summary>Threads that search the queries of a batch in parallel (0: one per core).</summary>
    public int SearchThreads { get; init; }
}

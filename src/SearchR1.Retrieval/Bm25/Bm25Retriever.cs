using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using SearchR1.Core.Data;
using SearchR1.Retrieval.Indexing;

namespace SearchR1.Retrieval.Bm25;

/// <summary>
/// BM25 search over an index built by <see cref="Bm25IndexBuilder"/>. One shared reader and searcher (both
/// thread-safe); the queries of a batch are searched in parallel.
/// </summary>
public sealed class Bm25Retriever : IRetriever
{
    private readonly FSDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Analyzer _analyzer;
    private readonly Bm25QueryBuilder _queries;
    private readonly int _threads;

    public Bm25Retriever(string indexFolder, Bm25Options? searchOptions = null)
        : this(indexFolder, IndexManifest.Read(indexFolder), searchOptions)
    {
    }

    internal Bm25Retriever(string indexFolder, IndexManifest manifest, Bm25Options? searchOptions)
    {
        Bm25IndexSettings settings = manifest.Bm25
            ?? throw new InvalidDataException($"{Path.Combine(indexFolder, IndexManifest.FileName)}: field 'bm25': missing for a BM25 index");
        Bm25Options options = searchOptions ?? new Bm25Options();
        Settings = settings;
        _directory = FSDirectory.Open(Path.Combine(indexFolder, settings.LuceneFolder));
        _reader = DirectoryReader.Open(_directory);
        // The similarity must match the one used at indexing time (norms are encoded with it).
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity(settings.K1, settings.B) };
        _analyzer = LuceneSchema.CreateAnalyzer(settings.Analyzer);
        string[] fields = settings.Multifield && options.Multifield
            ? [LuceneSchema.Title, LuceneSchema.Text]
            : [LuceneSchema.Contents];
        _queries = new Bm25QueryBuilder(_analyzer, fields, options.MaxQueryTerms);
        _threads = options.SearchThreads > 0 ? options.SearchThreads : Environment.ProcessorCount;
    }

    /// <summary>How the index was built.</summary>
    public Bm25IndexSettings Settings { get; }

    /// <summary>Number of passages in the index.</summary>
    public int Count => _reader.NumDocs;

    public Task<IReadOnlyList<IReadOnlyList<RetrievedPassage>>> SearchAsync(
        IReadOnlyList<string> queries, int topK, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        if (queries.Count == 1)
        {
            ct.ThrowIfCancellationRequested();
            return Task.FromResult<IReadOnlyList<IReadOnlyList<RetrievedPassage>>>([Search(queries[0], topK)]);
        }
        return Task.Run<IReadOnlyList<IReadOnlyList<RetrievedPassage>>>(() =>
        {
            var results = new IReadOnlyList<RetrievedPassage>[queries.Count];
            Parallel.For(0, queries.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = _threads },
                i => results[i] = Search(queries[i], topK));
            return results;
        }, ct);
    }

    /// <summary>Searches one query (thread-safe).</summary>
    public IReadOnlyList<RetrievedPassage> Search(string query, int topK)
    {
        ArgumentNullException.ThrowIfNull(query);
        Query? luceneQuery = _queries.Build(query);
        if (luceneQuery is null)
        {
            return [];
        }
        TopDocs top = _searcher.Search(luceneQuery, Math.Min(topK, Math.Max(1, _reader.MaxDoc)));
        var hits = new RetrievedPassage[top.ScoreDocs.Length];
        for (int i = 0; i < hits.Length; i++)
        {
            ScoreDoc scoreDoc = top.ScoreDocs[i];
            Document document = _searcher.Doc(scoreDoc.Doc);
            var record = new CorpusRecord(document.Get(LuceneSchema.Id), document.Get(LuceneSchema.Raw) ?? "");
            hits[i] = RetrievedPassage.FromRecord(record, scoreDoc.Score);
        }
        return hits;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}

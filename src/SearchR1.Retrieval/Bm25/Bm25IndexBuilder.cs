using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using SearchR1.Core.Data;
using SearchR1.Retrieval.Indexing;

namespace SearchR1.Retrieval.Bm25;

/// <summary>
/// Builds a Lucene BM25 index over a corpus, streaming (memory bounded by Lucene's RAM buffer, not the corpus)
/// and atomically (see <see cref="StagingFolder"/>). Passages keep corpus order, so ties rank as in pyserini.
/// </summary>
/// <example>
/// <code>
/// new Bm25IndexBuilder().Build(CorpusReader.Read("corpus.jsonl"), "indexes/bm25");
/// using IRetriever retriever = RetrieverFactory.Open("indexes/bm25");
/// </code>
/// </example>
public sealed class Bm25IndexBuilder
{
    private readonly Bm25Options _options;

    public Bm25IndexBuilder(Bm25Options? options = null)
    {
        _options = options ?? new Bm25Options();
    }

    /// <summary>Indexes a corpus file (Search-R1 or BEIR jsonl) into <paramref name="outputFolder"/>.</summary>
    public long BuildFromFile(string corpusPath, string outputFolder, IProgress<long>? progress = null, CancellationToken ct = default) =>
        Build(CorpusReader.Read(corpusPath), outputFolder, progress, ct, corpusPath);

    /// <summary>
    /// Indexes the passages into <paramref name="outputFolder"/>, replacing any index there. Reports the number of
    /// passages indexed so far to <paramref name="progress"/>. Returns the number of passages.
    /// </summary>
    public long Build(IEnumerable<CorpusRecord> corpus, string outputFolder, IProgress<long>? progress = null,
        CancellationToken ct = default, string? corpusName = null)
    {
        using var staging = new StagingFolder(outputFolder);
        var settings = new Bm25IndexSettings
        {
            K1 = _options.K1,
            B = _options.B,
            Analyzer = _options.Analyzer,
            Multifield = _options.Multifield,
        };
        long count;
        using (Analyzer analyzer = LuceneSchema.CreateAnalyzer(_options.Analyzer))
        using (FSDirectory directory = FSDirectory.Open(Path.Combine(staging.Path, settings.LuceneFolder)))
        {
            var config = new IndexWriterConfig(LuceneSchema.Version, analyzer)
            {
                OpenMode = OpenMode.CREATE,
                Similarity = new BM25Similarity(_options.K1, _options.B),
                RAMBufferSizeMB = _options.RamBufferMb,
            };
            using var writer = new IndexWriter(directory, config);
            count = AddAll(writer, corpus, progress, ct);
            if (_options.ForceMerge)
            {
                writer.ForceMerge(1);
            }
            writer.Commit();
        }
        new IndexManifest
        {
            Kind = "bm25",
            Documents = count,
            Corpus = corpusName is null ? null : Path.GetFullPath(corpusName),
            Bm25 = settings,
        }.Write(staging.Path);
        staging.Commit();
        return count;
    }

    // Reading and JSON parsing run on this thread while Lucene analyses on another: two stages, one order.
    private long AddAll(IndexWriter writer, IEnumerable<CorpusRecord> corpus, IProgress<long>? progress, CancellationToken ct)
    {
        using var queue = new BlockingCollection<CorpusRecord>(boundedCapacity: 4096);
        long count = 0;
        Exception? writerFailure = null;
        var consumer = Task.Factory.StartNew(() =>
        {
            try
            {
                var document = new PassageDocument(_options.Multifield);
                foreach (CorpusRecord record in queue.GetConsumingEnumerable(ct))
                {
                    document.Set(record);
                    writer.AddDocument(document.Fields);
                    long done = Interlocked.Increment(ref count);
                    if (done % 1000 == 0)
                    {
                        progress?.Report(done);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                writerFailure = e;
                throw;
            }
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            foreach (CorpusRecord record in corpus)
            {
                ct.ThrowIfCancellationRequested();
                if (!queue.TryAdd(record, Timeout.Infinite, ct) || consumer.IsFaulted)
                {
                    break;
                }
            }
        }
        finally
        {
            queue.CompleteAdding();
            try
            {
                consumer.Wait(CancellationToken.None);
            }
            catch (AggregateException) when (writerFailure is null)
            {
                // Cancelled: the caller's token is rethrown below.
            }
        }
        if (writerFailure is not null)
        {
            throw new IOException($"Lucene failed while indexing: {writerFailure.Message}", writerFailure);
        }
        ct.ThrowIfCancellationRequested();
        progress?.Report(count);
        return count;
    }

    /// <summary>One reusable Lucene document (Lucene's advice for fast indexing: reuse fields, change values).</summary>
    private sealed class PassageDocument
    {
        private readonly StringField _id = new(LuceneSchema.Id, "", Field.Store.YES);
        private readonly TextField _contents = new(LuceneSchema.Contents, "", Field.Store.NO);
        private readonly StoredField _raw = new(LuceneSchema.Raw, "");
        private readonly TextField? _title;
        private readonly TextField? _text;

        public PassageDocument(bool multifield)
        {
            Fields = [_id, _contents, _raw];
            if (multifield)
            {
                _title = new TextField(LuceneSchema.Title, "", Field.Store.NO);
                _text = new TextField(LuceneSchema.Text, "", Field.Store.NO);
                Fields.Add(_title);
                Fields.Add(_text);
            }
        }

        public Document Fields { get; }

        public void Set(CorpusRecord record)
        {
            _id.SetStringValue(record.Id);
            _contents.SetStringValue(record.Contents);
            _raw.SetStringValue(record.Contents);
            _title?.SetStringValue(record.Title);
            _text?.SetStringValue(record.Text);
        }
    }
}

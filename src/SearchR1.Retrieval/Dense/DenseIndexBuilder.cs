using SearchR1.Core.Data;
using SearchR1.Retrieval.Indexing;

namespace SearchR1.Retrieval.Dense;

/// <summary>
/// Builds a dense index: every passage (its raw contents, with the encoder's passage prefix, as the original's
/// index builder does) is embedded and appended to <c>vectors.npy</c>; the passages go to a row-addressable store.
/// Streaming (one batch in memory) and atomic (<see cref="StagingFolder"/>).
/// </summary>
public sealed class DenseIndexBuilder
{
    private readonly ITextEncoder _encoder;
    private readonly VectorDType _type;
    private readonly int _batchSize;

    public DenseIndexBuilder(ITextEncoder encoder, VectorDType type = VectorDType.Float32, int batchSize = 256)
    {
        _encoder = encoder;
        _type = type;
        _batchSize = batchSize;
    }

    /// <summary>Embeds and indexes the corpus into <paramref name="outputFolder"/> (replacing any index there).</summary>
    /// <param name="encoderFolder">Recorded in the manifest so the index opens with the same encoder.</param>
    public long Build(IEnumerable<CorpusRecord> corpus, string outputFolder, string? encoderFolder, EncoderOptions? encoderOptions,
        IProgress<long>? progress = null, CancellationToken ct = default, string? corpusName = null)
    {
        using var staging = new StagingFolder(outputFolder);
        var settings = new DenseIndexSettings
        {
            Dimension = _encoder.Dimension,
            DType = _type.Name(),
            Encoder = encoderFolder is null or DenseRetriever.HashingEncoderName ? encoderFolder : Path.GetFullPath(encoderFolder),
            EncoderOptions = encoderOptions,
        };
        long count = 0;
        using (var vectors = new NpyMatrixWriter(Path.Combine(staging.Path, settings.Vectors), _encoder.Dimension, _type))
        using (var passages = new PassageStore.Writer(Path.Combine(staging.Path, settings.Passages), Path.Combine(staging.Path, settings.PassageOffsets)))
        {
            var batch = new List<CorpusRecord>(_batchSize);
            foreach (CorpusRecord record in corpus)
            {
                ct.ThrowIfCancellationRequested();
                batch.Add(record);
                if (batch.Count == _batchSize)
                {
                    count += Flush(batch, vectors, passages, ct);
                    progress?.Report(count);
                }
            }
            count += Flush(batch, vectors, passages, ct);
            progress?.Report(count);
            vectors.Complete();
            passages.Complete();
        }
        new IndexManifest
        {
            Kind = "dense",
            Documents = count,
            Corpus = corpusName is null ? null : Path.GetFullPath(corpusName),
            Dense = settings,
        }.Write(staging.Path);
        staging.Commit();
        return count;
    }

    /// <summary>
    /// Makes an index of an existing FAISS <c>IndexFlatIP</c> file (e.g. the original's <c>e5_Flat.index</c>) and the
    /// corpus it was built from: the passages are stored, the FAISS file stays where it is and is memory-mapped.
    /// </summary>
    public static long ImportFaiss(string faissPath, IEnumerable<CorpusRecord> corpus, string outputFolder, string? encoderFolder,
        EncoderOptions? encoderOptions, IProgress<long>? progress = null, CancellationToken ct = default, string? corpusName = null)
    {
        (long rows, int dimension, _, bool innerProduct) = FaissFlatIndexFile.ReadHeader(faissPath);
        if (!innerProduct)
        {
            throw new InvalidDataException($"{faissPath}: metric_type is L2; expected an inner-product index (IndexFlatIP) as Search-R1 builds");
        }
        using var staging = new StagingFolder(outputFolder);
        var settings = new DenseIndexSettings
        {
            Dimension = dimension,
            VectorFormat = "faiss",
            DType = "float32",
            Vectors = Path.GetFullPath(faissPath),
            Encoder = encoderFolder is null ? null : Path.GetFullPath(encoderFolder),
            EncoderOptions = encoderOptions,
        };
        long count;
        using (var passages = new PassageStore.Writer(Path.Combine(staging.Path, settings.Passages), Path.Combine(staging.Path, settings.PassageOffsets)))
        {
            foreach (CorpusRecord record in corpus)
            {
                ct.ThrowIfCancellationRequested();
                passages.Add(record);
                if (passages.Count % 10000 == 0)
                {
                    progress?.Report(passages.Count);
                }
            }
            passages.Complete();
            count = passages.Count;
        }
        if (count != rows)
        {
            throw new InvalidDataException($"{faissPath}: ntotal = {rows} vectors, but the corpus has {count} passages; row i must be corpus line i");
        }
        progress?.Report(count);
        new IndexManifest { Kind = "dense", Documents = count, Corpus = corpusName, Dense = settings }.Write(staging.Path);
        staging.Commit();
        return count;
    }

    private long Flush(List<CorpusRecord> batch, NpyMatrixWriter vectors, PassageStore.Writer passages, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return 0;
        }
        float[] embeddings = _encoder.Encode(batch.Select(r => r.Contents).ToArray(), isQuery: false, ct);
        vectors.Append(embeddings);
        foreach (CorpusRecord record in batch)
        {
            passages.Add(record);
        }
        int n = batch.Count;
        batch.Clear();
        return n;
    }
}

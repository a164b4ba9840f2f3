using SearchR1.Retrieval.Indexing;
using SearchR1.Torch;

namespace SearchR1.Retrieval.Dense;

/// <summary>
/// Dense retrieval: queries are embedded by the encoder (one batch per call), scored exactly against every
/// stored vector by inner product, and the top rows are looked up in the passage store.
/// </summary>
public sealed class DenseRetriever : IRetriever
{
    private readonly ITextEncoder _encoder;
    private readonly IVectorIndex _index;
    private readonly PassageStore _passages;

    public DenseRetriever(ITextEncoder encoder, IVectorIndex index, PassageStore passages)
    {
        if (encoder.Dimension != index.Dimension)
        {
            throw new ArgumentException($"The encoder makes {encoder.Dimension}-d vectors but the index holds {index.Dimension}-d ones.", nameof(encoder));
        }
        if (index.Count != passages.Count)
        {
            throw new ArgumentException($"The index has {index.Count} vectors but the passage store {passages.Count} passages.", nameof(index));
        }
        _encoder = encoder;
        _index = index;
        _passages = passages;
    }

    /// <summary>The manifest's encoder name for indexes built with <see cref="Benchmarks.HashingTextEncoder"/>.</summary>
    public const string HashingEncoderName = "builtin:hashing";

    public IVectorIndex Index => _index;

    public ITextEncoder Encoder => _encoder;

    /// <summary>Opens a dense index folder by its manifest.</summary>
    public static DenseRetriever Open(string folder, DenseSearchOptions? options = null) =>
        Open(folder, IndexManifest.Read(folder), options);

    internal static DenseRetriever Open(string folder, IndexManifest manifest, DenseSearchOptions? options)
    {
        options ??= new DenseSearchOptions();
        string manifestPath = Path.Combine(folder, IndexManifest.FileName);
        DenseIndexSettings settings = manifest.Dense
            ?? throw new InvalidDataException($"{manifestPath}: field 'dense': missing for a dense index");
        string encoderFolder = options.Encoder ?? settings.Encoder
            ?? throw new InvalidDataException($"{manifestPath}: field 'dense.encoder': missing; pass the encoder folder explicitly");
        string vectorsPath = Path.IsPathRooted(settings.Vectors) ? settings.Vectors : Path.Combine(folder, settings.Vectors);
        MappedVectors vectors = settings.VectorFormat switch
        {
            "npy" => MappedVectors.OpenNpy(vectorsPath),
            "faiss" => MappedVectors.OpenFaiss(vectorsPath),
            _ => throw new InvalidDataException($"{manifestPath}: field 'dense.vectorFormat': expected \"npy\" or \"faiss\", found \"{settings.VectorFormat}\""),
        };
        IVectorIndex index = CreateIndex(vectors, options);
        ITextEncoder encoder = encoderFolder == HashingEncoderName
            ? new Benchmarks.HashingTextEncoder(settings.Dimension)
            : new OnnxTextEncoder(encoderFolder, settings.EncoderOptions ?? EncoderOptions.ForModel(encoderFolder));
        var passages = new PassageStore(Path.Combine(folder, settings.Passages), Path.Combine(folder, settings.PassageOffsets));
        return new DenseRetriever(encoder, index, passages);
    }

    /// <summary>The exact search for the device asked for: TorchSharp on CUDA, System.Numerics.Tensors on CPU.</summary>
    public static IVectorIndex CreateIndex(MappedVectors vectors, DenseSearchOptions options)
    {
        string device = options.Device.ToLowerInvariant();
        if (device.StartsWith("cuda", StringComparison.Ordinal) || device == "auto")
        {
            TorchRuntime.EnsureLoaded();
            if (TorchRuntime.CudaAvailable)
            {
                return new TorchFlatIndex(vectors, device == "auto" ? "cuda" : device);
            }
            if (device != "auto")
            {
                throw new InvalidOperationException($"Device '{options.Device}' asked for, but CUDA is not available ({TorchRuntime.Description}).");
            }
        }
        return new CpuFlatIndex(vectors, options.Threads);
    }

    public Task<IReadOnlyList<IReadOnlyList<RetrievedPassage>>> SearchAsync(
        IReadOnlyList<string> queries, int topK, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        return Task.Run<IReadOnlyList<IReadOnlyList<RetrievedPassage>>>(() =>
        {
            if (queries.Count == 0)
            {
                return [];
            }
            float[] embeddings = _encoder.Encode(queries, isQuery: true, ct);
            ScoredRow[][] hits = _index.Search(embeddings, queries.Count, topK, ct);
            return hits.Select(perQuery => (IReadOnlyList<RetrievedPassage>)perQuery
                .Select(h => RetrievedPassage.FromRecord(_passages.Get(h.Row), h.Score))
                .ToArray()).ToArray();
        }, ct);
    }

    public void Dispose()
    {
        _index.Dispose();
        _encoder.Dispose();
        _passages.Dispose();
    }
}

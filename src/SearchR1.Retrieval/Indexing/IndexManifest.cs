using System.Text.Json;
using System.Text.Json.Serialization;

namespace SearchR1.Retrieval.Indexing;

/// <summary>
/// <c>searchr1-index.json</c>, written last into every index folder: what kind of index the folder holds and how
/// to open it. A folder without it is not an index (an interrupted build never has one).
/// </summary>
public sealed record IndexManifest
{
    public const string FileName = "searchr1-index.json";
    public const string FormatName = "searchr1-index";
    public const int CurrentVersion = 1;

    public string Format { get; init; } = FormatName;
    public int Version { get; init; } = CurrentVersion;

    /// <summary><c>bm25</c> or <c>dense</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>Number of passages indexed.</summary>
    public long Documents { get; init; }

    /// <summary>The corpus file the index was built from (informative).</summary>
    public string? Corpus { get; init; }

    public DateTimeOffset CreatedUtc { get; init; } = DateTimeOffset.UtcNow;

    public Bm25IndexSettings? Bm25 { get; init; }

    public DenseIndexSettings? Dense { get; init; }

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads the manifest of an index folder, with a message that says what is wrong when it cannot.</summary>
    public static IndexManifest Read(string indexFolder)
    {
        string path = Path.Combine(indexFolder, FileName);
        if (!Directory.Exists(indexFolder))
        {
            throw new DirectoryNotFoundException($"Index folder not found: {indexFolder}");
        }
        if (!File.Exists(path))
        {
            throw new InvalidDataException(
                $"{indexFolder} is not a SearchR1 index: {FileName} is missing (build one with `searchr1 index bm25|dense`; an interrupted build leaves no manifest).");
        }
        IndexManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<IndexManifest>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: line {e.LineNumber + 1}: not a valid index manifest ({e.Message})", e);
        }
        if (manifest is null || manifest.Format != FormatName)
        {
            throw new InvalidDataException($"{path}: field 'format': expected \"{FormatName}\"");
        }
        if (manifest.Version > CurrentVersion)
        {
            throw new InvalidDataException($"{path}: field 'version': {manifest.Version} is newer than this program reads ({CurrentVersion})");
        }
        return manifest;
    }

    /// <summary>Writes the manifest into a folder (atomically: temporary file, then move).</summary>
    public void Write(string indexFolder)
    {
        string path = Path.Combine(indexFolder, FileName);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, JsonOptions));
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>How a BM25 index was built (and so how it must be searched).</summary>
public sealed record Bm25IndexSettings
{
    public float K1 { get; init; } = 0.9f;
    public float B { get; init; } = 0.4f;

    /// <summary>The Lucene analyzer: <c>english</c> (Anserini's default) or <c>standard</c>.</summary>
    public string Analyzer { get; init; } = "english";

    /// <summary>True when title and text are also indexed as separate fields (pyserini's multifield).</summary>
    public bool Multifield { get; init; }

    /// <summary>The Lucene index, relative to the index folder.</summary>
    public string LuceneFolder { get; init; } = "lucene";
}

/// <summary>How a dense index was built: the vectors, the passages store and the encoder that made them.</summary>
public sealed record DenseIndexSettings
{
    public int Dimension { get; init; }

    /// <summary><c>npy</c> or <c>faiss</c> (an IndexFlatIP file).</summary>
    public string VectorFormat { get; init; } = "npy";

    /// <summary><c>float32</c> or <c>float16</c>.</summary>
    public string DType { get; init; } = "float32";

    /// <summary>The vectors file, relative to the index folder or absolute (a FAISS file kept where it is).</summary>
    public string Vectors { get; init; } = "vectors.npy";

    /// <summary>The passages in row order (Search-R1 jsonl), relative to the index folder.</summary>
    public string Passages { get; init; } = "passages.jsonl";

    /// <summary>Byte offset of each passage line (int64 little-endian), relative to the index folder.</summary>
    public string PassageOffsets { get; init; } = "passages.offsets";

    /// <summary>The encoder folder used to build the index (queries must use the same one).</summary>
    public string? Encoder { get; init; }

    /// <summary>The encoder settings used to build the index.</summary>
    public Dense.EncoderOptions? EncoderOptions { get; init; }
}

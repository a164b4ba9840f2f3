using SearchR1.Retrieval.Bm25;
using SearchR1.Retrieval.Http;
using SearchR1.Retrieval.Indexing;

namespace SearchR1.Retrieval;

/// <summary>Opens a retriever from what a user names: an index folder (read by its manifest) or a server URL.</summary>
public static class RetrieverFactory
{
    /// <summary>
    /// Opens the index in <paramref name="indexFolderOrUrl"/> by its <c>searchr1-index.json</c> (BM25 or dense),
    /// or, for an <c>http(s)://</c> address, an <see cref="HttpRetriever"/>.
    /// </summary>
    public static IRetriever Open(string indexFolderOrUrl, RetrieverOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indexFolderOrUrl);
        options ??= new RetrieverOptions();
        if (indexFolderOrUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || indexFolderOrUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return new HttpRetriever(indexFolderOrUrl);
        }
        IndexManifest manifest = IndexManifest.Read(indexFolderOrUrl);
        return manifest.Kind switch
        {
            "bm25" => new Bm25Retriever(indexFolderOrUrl, manifest, options.Bm25),
            "dense" => Dense.DenseRetriever.Open(indexFolderOrUrl, manifest, options.Dense),
            _ => throw new InvalidDataException(
                $"{Path.Combine(indexFolderOrUrl, IndexManifest.FileName)}: field 'kind': expected \"bm25\" or \"dense\", found \"{manifest.Kind}\""),
        };
    }
}

/// <summary>Search-time settings for whatever <see cref="RetrieverFactory.Open"/> opens.</summary>
public sealed record RetrieverOptions
{
    public Bm25Options Bm25 { get; init; } = new();

    public Dense.DenseSearchOptions Dense { get; init; } = new();
}

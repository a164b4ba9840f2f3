using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace SearchR1.Retrieval.Bm25;

/// <summary>The Lucene field names and analyzers a SearchR1 BM25 index uses (same names as pyserini's indexes).</summary>
internal static class LuceneSchema
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Stored passage id.</summary>
    public const string Id = "id";

    /// <summary>Analysed title + text (not stored).</summary>
    public const string Contents = "contents";

    /// <summary>Stored raw contents, returned with each hit.</summary>
    public const string Raw = "raw";

    /// <summary>Analysed title alone (multifield indexes only).</summary>
    public const string Title = "title";

    /// <summary>Analysed text alone (multifield indexes only).</summary>
    public const string Text = "text";

    public static Analyzer CreateAnalyzer(string name) => name.ToLowerInvariant() switch
    {
        "english" => new EnglishAnalyzer(Version),
        "standard" => new StandardAnalyzer(Version),
        _ => throw new ArgumentException($"Unknown analyzer '{name}': expected 'english' or 'standard'.", nameof(name)),
    };
}

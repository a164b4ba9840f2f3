using System.Text.Json;
using SearchR1.Core.Data;

namespace SearchR1.Retrieval;

/// <summary>One ranked hit: the corpus row (id, raw contents and its title/text split, SPEC §2.5) and its score.</summary>
/// <param name="Id">The passage id from the corpus.</param>
/// <param name="Title">The title without its quotes (the original BM25 server's <c>title</c>).</param>
/// <param name="Text">The contents after the title line.</param>
/// <param name="Contents">The raw contents (<c>"Title"\ntext</c>), what Search-R1's trainer reads.</param>
/// <param name="Score">BM25 score, or inner product for dense retrieval (cosine with normalised embeddings).</param>
public sealed record RetrievedPassage(string Id, string Title, string Text, string Contents, double Score)
{
    /// <summary>Extra fields of the corpus row (dense indexes keep the whole row), or null.</summary>
    public IReadOnlyDictionary<string, JsonElement>? ExtraFields { get; init; }

    /// <summary>A hit for a corpus row.</summary>
    public static RetrievedPassage FromRecord(CorpusRecord record, double score) =>
        new(record.Id, record.Title, record.Text, record.Contents, score) { ExtraFields = record.ExtraFields };
}

using SearchR1.Core.Data;
using SearchR1.Retrieval;
using SearchR1.Retrieval.Bm25;
using SearchR1.TestSupport;

namespace SearchR1.Training.Tests.Support;

/// <summary>A real BM25 index over a handful of passages, and a retriever wrapper that records each batched call.</summary>
internal static class ToyRetrieval
{
    public static readonly CorpusRecord[] Passages =
    [
        CorpusRecord.FromTitleAndText("0", "Paris", "Paris is the capital of France."),
        CorpusRecord.FromTitleAndText("1", "Paris Hilton", "Paris Hilton is a media personality."),
        CorpusRecord.FromTitleAndText("2", "Berlin", "Berlin is the capital of Germany."),
        CorpusRecord.FromTitleAndText("3", "Paris metro", "The Paris metro opened in 1900."),
    ];

    /// <summary>Builds the index in a temporary folder and returns the folder.</summary>
    public static string BuildIndex()
    {
        string folder = Path.Combine(TinyModels.TemporaryFolder("searchr1-training-index"), "bm25");
        new Bm25IndexBuilder().Build(Passages, folder);
        return folder;
    }
}

/// <summary>Passes every call to a real retriever and records the batch of queries it was given.</summary>
internal sealed class RecordingRetriever(IRetriever inner) : IRetriever
{
    public List<IReadOnlyList<string>> Calls { get; } = [];

    public Task<IReadOnlyList<IReadOnlyList<RetrievedPassage>>> SearchAsync(IReadOnlyList<string> queries, int topK, CancellationToken ct = default)
    {
        lock (Calls)
        {
            Calls.Add(queries.ToArray());
        }
        return inner.SearchAsync(queries, topK, ct);
    }

    public void Dispose() => inner.Dispose();
}

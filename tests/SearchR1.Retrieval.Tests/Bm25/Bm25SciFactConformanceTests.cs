using System.Text.Json;
using SearchR1.Retrieval.Bm25;
using SearchR1.Retrieval.Tests.Support;
using SearchR1.TestSupport;

namespace SearchR1.Retrieval.Tests.Bm25;

/// <summary>BEIR SciFact against pyserini's published BM25 numbers (bm25-flat 0.6789, bm25-multifield 0.6647).</summary>
[Conformance]
public sealed class Bm25SciFactConformanceTests : IClassFixture<Bm25SciFactConformanceTests.SciFactIndex>
{
    private readonly SciFactIndex _index;

    public Bm25SciFactConformanceTests(SciFactIndex index)
    {
        _index = index;
    }

    [ConformanceFact]
    public async Task Flat_search_reproduces_pyserini_bm25_flat_ndcg_at_10()
    {
        double ndcg = await NdcgAt10(multifield: false);

        Assert.InRange(ndcg, 0.6789 - 0.002, 0.6789 + 0.002);
    }

    [ConformanceFact]
    public async Task Multifield_search_reproduces_pyserini_bm25_multifield_ndcg_at_10()
    {
        double ndcg = await NdcgAt10(multifield: true);

        Assert.InRange(ndcg, 0.6647 - 0.002, 0.6647 + 0.002);
    }

    private async Task<double> NdcgAt10(bool multifield)
    {
        _index.EnsureBuilt();
        var qrels = TrecEval.ReadQrels(SharedData.Path("data/beir/scifact/qrels.test.tsv"));
        var queries = File.ReadLines(SharedData.Path("data/beir/scifact/queries.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(q => (Id: q.GetProperty("query_id").GetString()!, Text: q.GetProperty("text").GetString()!))
            .Where(q => qrels.ContainsKey(q.Id))
            .ToList();
        Assert.Equal(300, queries.Count);

        using var retriever = new Bm25Retriever(_index.Folder.Path, new Bm25Options { Multifield = multifield });
        var results = await retriever.SearchAsync(queries.Select(q => q.Text).ToList(), topK: 100);
        var run = queries.Select((q, i) => (q.Id, Hits: results[i])).ToDictionary(x => x.Id, x => x.Hits);
        double ndcg = TrecEval.MeanNdcg(qrels, run, 10);
        Console.WriteLine($"SciFact BM25 {(multifield ? "multifield" : "flat")} nDCG@10 = {ndcg:F5}");
        return ndcg;
    }

    /// <summary>One index for both tests: contents (flat) plus title and text fields (multifield).</summary>
    public sealed class SciFactIndex : IDisposable
    {
        private readonly Lazy<long> _built;

        public SciFactIndex()
        {
            _built = new Lazy<long>(() => new Bm25IndexBuilder(new Bm25Options { Multifield = true })
                .BuildFromFile(SharedData.Path("data/beir/scifact/corpus.jsonl"), Folder.Path));
        }

        public TempFolder Folder { get; } = new();

        public void EnsureBuilt() => Assert.Equal(5183, _built.Value);

        public void Dispose() => Folder.Dispose();
    }
}

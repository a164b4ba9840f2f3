using System.Text.Json;
using SearchR1.Core.Data;
using SearchR1.Retrieval.Bm25;
using SearchR1.Retrieval.Tests.Support;
using SearchR1.TestSupport;

namespace SearchR1.Retrieval.Tests.Bm25;

/// <summary>BEIR SciFact against pyserini's published BM25 numbers (bm25-flat 0.6789, bm25-multifield 0.6647).</summary>
[Conformance]
public sealed class Bm25SciFactConformanceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "searchr1-scifact-" + Guid.NewGuid().ToString("N"));

    [ConformanceFact]
    public async Task Flat_index_reproduces_pyserini_bm25_flat_ndcg_at_10()
    {
        double ndcg = await NdcgAt10(multifield: false);

        Assert.InRange(ndcg, 0.6789 - 0.002, 0.6789 + 0.002);
    }

    [ConformanceFact]
    public async Task Multifield_index_reproduces_pyserini_bm25_multifield_ndcg_at_10()
    {
        double ndcg = await NdcgAt10(multifield: true);

        Assert.InRange(ndcg, 0.6647 - 0.002, 0.6647 + 0.002);
    }

    private async Task<double> NdcgAt10(bool multifield)
    {
        string corpus = SharedData.Path("data/beir/scifact/corpus.jsonl");
        var options = new Bm25Options { Multifield = multifield };
        long count = new Bm25IndexBuilder(options).BuildFromFile(corpus, _folder);
        Assert.Equal(5183, count);

        var qrels = TrecEval.ReadQrels(SharedData.Path("data/beir/scifact/qrels.test.tsv"));
        var queries = File.ReadLines(SharedData.Path("data/beir/scifact/queries.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(q => (Id: q.GetProperty("query_id").GetString()!, Text: q.GetProperty("text").GetString()!))
            .Where(q => qrels.ContainsKey(q.Id))
            .ToList();
        Assert.Equal(300, queries.Count);

        using var retriever = new Bm25Retriever(_folder, options);
        var results = await retriever.SearchAsync(queries.Select(q => q.Text).ToList(), topK: 100);
        var run = queries.Select((q, i) => (q.Id, Hits: results[i])).ToDictionary(x => x.Id, x => x.Hits);
        double ndcg = TrecEval.MeanNdcg(qrels, run, 10);
        Console.WriteLine($"SciFact BM25 {(multifield ? "multifield" : "flat")} nDCG@10 = {ndcg:F5}");
        return ndcg;
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

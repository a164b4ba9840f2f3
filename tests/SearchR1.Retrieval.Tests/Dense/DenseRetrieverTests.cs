using SearchR1.Core.Data;
using SearchR1.Retrieval.Dense;
using SearchR1.Retrieval.Tests.Support;
using SearchR1.TestSupport;

namespace SearchR1.Retrieval.Tests.Dense;

public sealed class DenseRetrieverTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task An_index_built_with_an_encoder_finds_the_passage_sharing_the_query_words()
    {
        string index = _folder.Combine("dense");
        using (var encoder = new SearchR1.Retrieval.Benchmarks.HashingTextEncoder(64))
        {
            new DenseIndexBuilder(encoder, VectorDType.Float16, batchSize: 5).Build(TinyCorpus.Passages(), index, DenseRetriever.HashingEncoderName, null);
        }

        using IRetriever retriever = RetrieverFactory.Open(index, new RetrieverOptions { Dense = new DenseSearchOptions { Device = "cpu" } });
        var results = await retriever.SearchAsync(["Evan Morris lobbyist Genentech", "Pavia cathedral"], 2);

        Assert.Equal(("p1", "Evan Morris"), (results[0][0].Id, results[0][0].Title));
        Assert.Equal("p2", results[1][0].Id);
        Assert.InRange(results[0][0].Score, results[0][1].Score, 1.001);
    }

    [ConformanceFact]
    [Conformance]
    public async Task The_e5_tiny_index_scores_equal_the_inner_products_of_reference_style_embeddings()
    {
        string index = _folder.Combine("e5");
        var passages = CorpusReader.Read(SharedData.Path("data/corpus/wiki18-sample1000.jsonl")).Take(40).ToList();
        using var encoder = new OnnxTextEncoder(E5TinyReference.Folder);
        new DenseIndexBuilder(encoder, VectorDType.Float32).Build(passages, index, E5TinyReference.Folder, encoder.Options);

        using IRetriever retriever = RetrieverFactory.Open(index, new RetrieverOptions { Dense = new DenseSearchOptions { Device = "cpu" } });
        var hits = (await retriever.SearchAsync(["who was Evan Morris"], 5))[0];

        float[] query = encoder.Encode(["who was Evan Morris"], isQuery: true);
        float[] all = encoder.Encode(passages.Select(p => p.Contents).ToList(), isQuery: false);
        var expected = Enumerable.Range(0, passages.Count)
            .Select(i => (passages[i].Id, Score: System.Numerics.Tensors.TensorPrimitives.Dot(query, all.AsSpan(i * 64, 64))))
            .OrderByDescending(x => x.Score).Take(5).ToList();
        Assert.Equal(expected.Select(e => e.Id), hits.Select(h => h.Id));
        Assert.Equal(expected.Select(e => (double)e.Score), hits.Select(h => h.Score), (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal(passages.First(p => p.Id == hits[0].Id).Contents, hits[0].Contents);
    }

    [ConformanceFact]
    [Conformance]
    public async Task A_faiss_flat_file_imported_with_its_corpus_searches_like_the_fixture_says()
    {
        string faiss = SharedData.Path("fixtures/faiss/flat_ip_d16_n50.index");
        var corpus = Enumerable.Range(0, 50).Select(i => CorpusRecord.FromTitleAndText(i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"T{i}", $"text {i}"));
        string index = _folder.Combine("faiss");

        long count = DenseIndexBuilder.ImportFaiss(faiss, corpus, index, null, null);
        var manifest = SearchR1.Retrieval.Indexing.IndexManifest.Read(index);
        using var vectors = new CpuFlatIndex(MappedVectors.OpenFaiss(manifest.Dense!.Vectors));
        using var store = new PassageStore(Path.Combine(index, manifest.Dense.Passages), Path.Combine(index, manifest.Dense.PassageOffsets));

        Assert.Equal(50, count);
        Assert.Equal("faiss", manifest.Dense.VectorFormat);
        Assert.Equal("\"T49\"\ntext 49", store.Get(49).Contents);
        Assert.Equal(16, vectors.Dimension);
        await Task.CompletedTask;
    }

    [ConformanceFact]
    [Conformance]
    public void A_faiss_file_and_a_corpus_of_different_lengths_are_refused()
    {
        string faiss = SharedData.Path("fixtures/faiss/flat_ip_d16_n50.index");
        var corpus = Enumerable.Range(0, 49).Select(i => new CorpusRecord(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "x"));

        var error = Assert.Throws<InvalidDataException>(() => DenseIndexBuilder.ImportFaiss(faiss, corpus, _folder.Combine("bad"), null, null));

        Assert.Contains("ntotal = 50", error.Message);
        Assert.False(Directory.Exists(_folder.Combine("bad")));
    }

    public void Dispose() => _folder.Dispose();
}

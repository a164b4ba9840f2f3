using SearchR1.Retrieval.Benchmarks;
using SearchR1.Retrieval.Bm25;
using SearchR1.Retrieval.Tests.Support;

namespace SearchR1.Retrieval.Tests.Benchmarks;

public sealed class SyntheticCorpusTests
{
    private const string PinnedFirstPassagePrefix = "\"malira qualo\"\nramite shihilo tope mianv";

    [Fact]
    public void The_same_seed_gives_the_same_passages_and_queries()
    {
        var a = new SyntheticCorpus(vocabularySize: 2000, seed: 7);
        var b = new SyntheticCorpus(vocabularySize: 2000, seed: 7);

        Assert.Equal(a.Passages(50).Select(p => p.Contents), b.Passages(50).Select(p => p.Contents));
        Assert.Equal(a.Queries(20, 50), b.Queries(20, 50));
        Assert.NotEqual(a.Passage(3).Contents, new SyntheticCorpus(vocabularySize: 2000, seed: 8).Passage(3).Contents);
    }

    [Fact]
    public void Passages_do_not_depend_on_the_process_and_are_pinned_by_their_first_words()
    {
        // Pinned value: a change of generator (or a per-process hash sneaking in) changes every recorded benchmark.
        string first = new SyntheticCorpus(vocabularySize: 2000, seed: 7).Passage(0).Contents;

        Assert.Equal(PinnedFirstPassagePrefix, first[..PinnedFirstPassagePrefix.Length]);
    }

    [Fact]
    public async Task The_load_generator_answers_every_query_of_a_synthetic_bm25_index()
    {
        using var folder = new TempFolder();
        var corpus = new SyntheticCorpus(vocabularySize: 2000, seed: 7);
        new Bm25IndexBuilder().Build(corpus.Passages(300), folder.Path + "/bm25");
        using var retriever = new Bm25Retriever(folder.Path + "/bm25");
        var queries = corpus.Queries(40, 300);

        LoadFigures figures = await LoadGenerator.RunAsync(retriever, queries, clients: 3, batchSize: 4, topK: 3);

        Assert.Equal(40, figures.Queries);
        Assert.Equal(40 * 3, figures.Hits);
        Assert.True(figures.P99Milliseconds >= figures.P50Milliseconds);
    }
}

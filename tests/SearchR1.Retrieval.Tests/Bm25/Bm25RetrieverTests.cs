using SearchR1.Core.Data;
using SearchR1.Retrieval.Bm25;
using SearchR1.Retrieval.Indexing;
using SearchR1.Retrieval.Tests.Support;

namespace SearchR1.Retrieval.Tests.Bm25;

public sealed class Bm25RetrieverTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _index;

    public Bm25RetrieverTests()
    {
        _index = _folder.Combine("bm25");
        new Bm25IndexBuilder().Build(TinyCorpus.Passages(), _index);
    }

    [Fact]
    public async Task The_passage_sharing_the_query_terms_ranks_first_with_its_title_text_and_contents()
    {
        using IRetriever retriever = RetrieverFactory.Open(_index);

        var results = await retriever.SearchAsync(["Who was Evan Morris?", "cathedral in Pavia"], 3);

        RetrievedPassage top = results[0][0];
        Assert.Equal(("p1", "Evan Morris", "Evan Morris was a lobbyist for Genentech in Washington."), (top.Id, top.Title, top.Text));
        Assert.Equal("\"Evan Morris\"\nEvan Morris was a lobbyist for Genentech in Washington.", top.Contents);
        Assert.Equal("p2", results[1][0].Id);
        Assert.True(results[0].Count <= 3);
        Assert.True(top.Score > 0);
    }

    [Theory]
    [InlineData("AND OR NOT")]
    [InlineData("title:\"Evan Morris")]
    [InlineData("((( [ { ~ ^ * ? \\ / ! :")]
    [InlineData("Evan Morris AND")]
    [InlineData("-Evan +Morris")]
    public async Task Query_syntax_characters_are_plain_text_and_never_throw(string query)
    {
        using var retriever = new Bm25Retriever(_index);

        var results = await retriever.SearchAsync([query], 3);

        if (query.Contains("Evan", StringComparison.Ordinal))
        {
            Assert.Equal("p1", results[0][0].Id);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("the of and")]
    [InlineData("?!.,")]
    public async Task A_query_without_searchable_terms_gets_no_passages(string query)
    {
        using var retriever = new Bm25Retriever(_index);

        var results = await retriever.SearchAsync([query], 3);

        Assert.Empty(results[0]);
    }

    [Fact]
    public async Task A_query_with_more_distinct_terms_than_lucene_allows_is_cut_not_refused()
    {
        using var retriever = new Bm25Retriever(_index);
        string longQuery = "Evan Morris " + string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"word{i}"));

        var results = await retriever.SearchAsync([longQuery], 1);

        Assert.Equal("p1", results[0][0].Id);
    }

    [Fact]
    public async Task Repeated_query_terms_weigh_like_pyserini_boosts()
    {
        using var retriever = new Bm25Retriever(_index);

        var once = await retriever.SearchAsync(["Iowa"], 1);
        var twice = await retriever.SearchAsync(["Iowa Iowa"], 1);

        Assert.Equal(2 * once[0][0].Score, twice[0][0].Score, 4);
    }

    [Fact]
    public async Task Concurrent_batches_from_many_threads_give_the_same_answers()
    {
        using var retriever = new Bm25Retriever(_index);
        string[] queries = ["Paul Walker", "Evan Morris", "Pavia", "Iowa highway", "rivers"];
        var expected = await retriever.SearchAsync(queries, 2);

        var all = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => retriever.SearchAsync(queries, 2))));

        foreach (var results in all)
        {
            for (int q = 0; q < queries.Length; q++)
            {
                Assert.Equal(expected[q].Select(p => (p.Id, p.Score)), results[q].Select(p => (p.Id, p.Score)));
            }
        }
    }

    [Fact]
    public async Task A_cancelled_search_throws_operation_cancelled()
    {
        using var retriever = new Bm25Retriever(_index);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => retriever.SearchAsync(["Paul", "Evan"], 3, cancelled.Token));
    }

    [Fact]
    public async Task Rebuilding_replaces_the_index_and_leaves_no_temporary_folder()
    {
        long count = new Bm25IndexBuilder().Build(TinyCorpus.Passages(fillers: 2), _index);

        using var retriever = new Bm25Retriever(_index);
        Assert.Equal(6, count);
        Assert.Equal(6, retriever.Count);
        Assert.Equal(6, IndexManifest.Read(_index).Documents);
        Assert.Equal(["bm25"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName));
        Assert.Equal("p0", (await retriever.SearchAsync(["Paul Walker"], 1))[0][0].Id);
    }

    [Fact]
    public void An_interrupted_build_keeps_the_previous_index_and_leaves_nothing_that_looks_like_an_index()
    {
        IEnumerable<CorpusRecord> Failing()
        {
            foreach (CorpusRecord record in TinyCorpus.Passages())
            {
                yield return record;
            }
            throw new CorpusFormatException("corpus.jsonl", 25, "contents", "expected a string");
        }

        Assert.Throws<CorpusFormatException>(() => new Bm25IndexBuilder().Build(Failing(), _index));

        Assert.Equal(24, IndexManifest.Read(_index).Documents);
        Assert.Equal(["bm25"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_folder_that_is_not_an_index_is_neither_opened_nor_overwritten()
    {
        string other = _folder.Combine("documents");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "precious.txt"), "keep me");

        var open = Assert.Throws<InvalidDataException>(() => RetrieverFactory.Open(other));
        var build = Assert.Throws<IOException>(() => new Bm25IndexBuilder().Build(TinyCorpus.Passages(), other));

        Assert.Contains("searchr1-index.json is missing", open.Message);
        Assert.Contains("refusing to replace", build.Message);
        Assert.True(File.Exists(Path.Combine(other, "precious.txt")));
    }

    public void Dispose() => _folder.Dispose();
}

using SearchR1.Core.Data;
using SearchR1.Retrieval;
using SearchR1.Retrieval.Bm25;

namespace SearchR1.Evaluation.Tests.Support;

/// <summary>A BM25 index the tests build themselves in a temporary folder (deleted on dispose).</summary>
public sealed class TinyIndex : IDisposable
{
    private TinyIndex(string root, string folder)
    {
        Root = root;
        Folder = folder;
        Retriever = RetrieverFactory.Open(folder);
    }

    public string Root { get; }

    public string Folder { get; }

    public IRetriever Retriever { get; }

    /// <summary>An index over passages given as (title, text).</summary>
    public static TinyIndex Of(params (string Title, string Text)[] passages) =>
        Build(passages.Select((p, i) => CorpusRecord.FromTitleAndText(i.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Title, p.Text)));

    /// <summary>An index over the first <paramref name="count"/> passages of a Search-R1 corpus jsonl.</summary>
    public static TinyIndex FromCorpus(string corpusPath, int count) =>
        Build(CorpusReader.Read(corpusPath).Take(count));

    private static TinyIndex Build(IEnumerable<CorpusRecord> records)
    {
        string root = Directory.CreateTempSubdirectory("searchr1-eval-index-").FullName;
        string folder = Path.Combine(root, "index");
        new Bm25IndexBuilder().Build(records, folder);
        return new TinyIndex(root, folder);
    }

    public void Dispose()
    {
        Retriever.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}

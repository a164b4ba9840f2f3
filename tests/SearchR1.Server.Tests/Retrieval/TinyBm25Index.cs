using SearchR1.Core.Data;
using SearchR1.Retrieval.Bm25;

namespace SearchR1.Server.Tests.Retrieval;

/// <summary>A small BM25 index of made-up passages in a temporary folder, shared by the server tests.</summary>
public sealed class TinyBm25Index : IDisposable
{
    public TinyBm25Index()
    {
        Folder = Path.Combine(Path.GetTempPath(), "searchr1-server-" + Guid.NewGuid().ToString("N"));
        Passages =
        [
            CorpusRecord.FromTitleAndText("0", "Paul Walker", "Paul Walker was an American actor known for The Fast and the Furious."),
            CorpusRecord.FromTitleAndText("1", "Evan Morris", "Evan Morris was a lobbyist for Genentech in Washington."),
            CorpusRecord.FromTitleAndText("2", "Pavia Cathedral", "The cathedral of Pavia was begun in 1488."),
            CorpusRecord.FromTitleAndText("3", "Iowa Highway 17", "Iowa Highway 17 is a state highway near Wesley."),
            CorpusRecord.FromTitleAndText("4", "The \"Quoted\" Title", "A passage whose title holds quotes."),
        ];
        for (int i = 5; i < 40; i++)
        {
            Passages.Add(CorpusRecord.FromTitleAndText(i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Filler {i}", $"Filler passage number {i} about rivers, mountains, actors, cathedrals, highways and lobbyists."));
        }
        new Bm25IndexBuilder().Build(Passages, Folder);
    }

    public string Folder { get; }

    public List<CorpusRecord> Passages { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

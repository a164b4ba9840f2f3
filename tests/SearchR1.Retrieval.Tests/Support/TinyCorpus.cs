using SearchR1.Core.Data;

namespace SearchR1.Retrieval.Tests.Support;

/// <summary>A handful of made-up passages whose best matches are obvious.</summary>
internal static class TinyCorpus
{
    public static List<CorpusRecord> Passages(int fillers = 20)
    {
        var passages = new List<CorpusRecord>
        {
            CorpusRecord.FromTitleAndText("p0", "Paul Walker", "Paul Walker was an American actor known for The Fast and the Furious."),
            CorpusRecord.FromTitleAndText("p1", "Evan Morris", "Evan Morris was a lobbyist for Genentech in Washington."),
            CorpusRecord.FromTitleAndText("p2", "Pavia Cathedral", "The cathedral of Pavia was begun in 1488 under Cristoforo Rocchi."),
            CorpusRecord.FromTitleAndText("p3", "Iowa Highway 17", "Iowa Highway 17 is a state highway near Wesley."),
        };
        for (int i = 0; i < fillers; i++)
        {
            passages.Add(CorpusRecord.FromTitleAndText($"f{i}", $"Filler {i}", $"Filler passage {i} about rivers, mountains and weather."));
        }
        return passages;
    }
}

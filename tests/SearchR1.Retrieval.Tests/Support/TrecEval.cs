using System.Globalization;

namespace SearchR1.Retrieval.Tests.Support;

/// <summary>
/// nDCG@k as trec_eval computes it for pyserini's published BEIR numbers: the run is re-sorted by score (written
/// with 6 decimals) descending, ties by document id descending; gain = relevance; discount log2(rank + 1); averaged
/// over the queries of the qrels.
/// </summary>
internal static class TrecEval
{
    public static Dictionary<string, Dictionary<string, int>> ReadQrels(string path)
    {
        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] parts = line.Split('\t');
            if (parts.Length < 3)
            {
                continue;
            }
            if (!qrels.TryGetValue(parts[0], out Dictionary<string, int>? judged))
            {
                qrels[parts[0]] = judged = new Dictionary<string, int>(StringComparer.Ordinal);
            }
            judged[parts[1]] = int.Parse(parts[2], CultureInfo.InvariantCulture);
        }
        return qrels;
    }

    public static double MeanNdcg(Dictionary<string, Dictionary<string, int>> qrels, Dictionary<string, IReadOnlyList<RetrievedPassage>> run, int k)
    {
        double total = 0;
        foreach ((string queryId, Dictionary<string, int> judged) in qrels)
        {
            IReadOnlyList<RetrievedPassage> hits = run.TryGetValue(queryId, out IReadOnlyList<RetrievedPassage>? h) ? h : [];
            var ranked = hits
                .Select(p => (p.Id, Score: Math.Round(p.Score, 6)))
                .OrderByDescending(p => p.Score)
                .ThenByDescending(p => p.Id, StringComparer.Ordinal)
                .Take(k)
                .ToList();
            double dcg = 0;
            for (int i = 0; i < ranked.Count; i++)
            {
                int gain = judged.TryGetValue(ranked[i].Id, out int relevance) ? relevance : 0;
                dcg += gain / Math.Log2(i + 2);
            }
            double ideal = judged.Values.Where(r => r > 0).OrderByDescending(r => r).Take(k)
                .Select((r, i) => r / Math.Log2(i + 2)).Sum();
            total += ideal > 0 ? dcg / ideal : 0;
        }
        return total / qrels.Count;
    }
}

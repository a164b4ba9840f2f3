using System.Text.Json.Nodes;
using SearchR1.Core.Data;
using SearchR1.Demo.World;
using SearchR1.Retrieval.Bm25;

namespace SearchR1.Demo.Pipeline;

/// <summary>Where a demo run keeps what it made, in the project's ordinary formats.</summary>
public sealed record WorldFiles(string Folder)
{
    /// <summary>The kind of a held-out question, used as its data source so that evaluation scores each kind apart.</summary>
    public const string SingleHopSource = "single_hop";

    public const string TwoHopSource = "two_hop";

    public string Corpus => Path.Combine(Folder, "corpus.jsonl");

    public string Index => Path.Combine(Folder, "index");

    public string TrainQuestions => Path.Combine(Folder, "data", "train.jsonl");

    public string TestQuestions => Path.Combine(Folder, "data", "test.jsonl");

    public string BaseModel => Path.Combine(Folder, "base");

    public string TrainConfig => Path.Combine(Folder, "train.yaml");

    public string Run => Path.Combine(Folder, "run");

    public string Summary => Path.Combine(Folder, "summary.json");

    /// <summary>
    /// Writes the world's corpus (one passage per entity, Search-R1 jsonl), its BM25 index (the real builder), and
    /// the RL training and held-out questions (FlashRAG jsonl). Returns the passage count.
    /// </summary>
    public async Task<long> WriteAsync(
        SyntheticWorld world, IReadOnlyList<WorldQuestion> train, IReadOnlyList<WorldQuestion> test, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Folder);
        var records = WorldPassages.Write(world)
            .Select((p, i) => CorpusRecord.FromTitleAndText(i.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Title, p.Text))
            .ToList();
        CorpusWriter.WriteAll(Corpus, records);
        long passages = new Bm25IndexBuilder().BuildFromFile(Corpus, Index, ct: ct);
        Directory.CreateDirectory(Path.GetDirectoryName(TrainQuestions)!);
        await QaDatasetWriter.WriteFlashRagJsonlAsync(TrainQuestions, ToExamples(train, "train"), ct);
        await QaDatasetWriter.WriteFlashRagJsonlAsync(TestQuestions, ToExamples(test, "test"), ct);
        return passages;
    }

    public static IEnumerable<QaExample> ToExamples(IReadOnlyList<WorldQuestion> questions, string split) =>
        questions.Select((q, i) => new QaExample
        {
            Id = $"{split}_{i}",
            Question = q.Question,
            GoldenAnswers = [q.Answer],
            DataSource = q.Kind == QuestionKind.SingleHop ? SingleHopSource : TwoHopSource,
            Split = split,
            Index = i,
            Metadata = new JsonObject { ["hops"] = q.Hops.Count, ["relation"] = q.Relation },
        });
}

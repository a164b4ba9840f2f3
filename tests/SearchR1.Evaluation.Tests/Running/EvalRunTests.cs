using System.Text.Json.Nodes;
using SearchR1.Core.Rewards;
using SearchR1.Evaluation.Methods;
using SearchR1.Evaluation.Policies;
using SearchR1.Evaluation.Reports;
using SearchR1.Evaluation.Running;
using SearchR1.Evaluation.Tests.Support;
using SearchR1.TestSupport;

namespace SearchR1.Evaluation.Tests.Running;

/// <summary>
/// `searchr1 eval` end to end on the shared QA files: a tiny model served over the OpenAI protocol by our own
/// server, called through the official OpenAI client, with a BM25 index over the wiki-18 sample.
/// </summary>
[Conformance]
public sealed class EvalRunTests(ServedTinyPolicy served) : IClassFixture<ServedTinyPolicy>, IDisposable
{
    private readonly string _out = TinyModels.TemporaryFolder("searchr1-eval-out-");

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static string[] Files() =>
    [
        SharedData.Path("data/qa/nq.test-sample1000.jsonl"),
        SharedData.Path("data/qa/hotpotqa.dev.json"),
        SharedData.Path("data/qa/bamboogle.test.jsonl"),
        SharedData.Path("data/qa/2wiki.dev.json"),
    ];

    private EvalRunSpec Spec(IReadOnlyList<EvalMethod> methods, int limit, OpenAiApi api = OpenAiApi.Completions, string[]? files = null) => new()
    {
        Endpoint = new OpenAiEndpointOptions(served.Endpoint, Api: api, MaxConcurrency: 4),
        TokenizerPath = served.ModelFolder,
        DataFiles = files ?? Files(),
        IndexPath = served.Index.Folder,
        Methods = methods,
        Limit = limit,
        Options = new EvalOptions { MaxTurns = 2, MaxResponseTokens = 6, BatchSize = 8, OutputDirectory = _out },
    };

    [ConformanceFact]
    public async Task The_table_has_one_row_per_method_and_one_column_per_dataset_in_the_papers_order()
    {
        var outcome = await EvalRun.RunAsync(Spec([EvalMethod.SearchR1, EvalMethod.Rag, EvalMethod.Direct], limit: 2));

        Assert.Equal(["search-r1", "rag", "direct"], outcome.Table.Rows.Select(r => r.Label));
        Assert.Equal(["nq", "hotpotqa", "2wikimultihopqa", "bamboogle", "average"], outcome.Table.Columns);
        Assert.All(outcome.Table.Rows, row => Assert.All(row.Datasets, d => Assert.Equal(2, d.Count)));
        var records = PredictionLog.Read(Path.Combine(_out, PredictionLog.FileName));
        Assert.Equal(3 * 4 * 2, records.Count);
        Assert.All(records.Where(r => r.Method == "rag"), r => Assert.Equal([r.Question.Trim()], r.Searches));
        Assert.All(records.Where(r => r.Method == "rag"), r => Assert.Contains("Context: Doc 1(Title: ", r.Prompt));
        Assert.All(records.Where(r => r.Method == "search-r1"), r => Assert.InRange(r.Turns.Count, 1, 3));
        Assert.All(records.Where(r => r.Method == "direct"), r => Assert.Single(r.Turns));
        Assert.All(records, r => Assert.All(r.Turns, t => Assert.InRange(t.Tokens, 1, 6)));
        string markdown = File.ReadAllText(Path.Combine(_out, RunFolder.MarkdownFile));
        Assert.Contains("| method | nq | hotpotqa | 2wikimultihopqa | bamboogle | average |", markdown);
        Assert.Equal(1 + 3 * 7, File.ReadAllLines(Path.Combine(_out, RunFolder.CsvFile)).Length);
        Assert.True(new FileInfo(Path.Combine(_out, RunFolder.ChartFile)).Length > 1000);
        var manifest = RunManifest.TryRead(_out)!;
        Assert.Contains(served.Endpoint.ToString().TrimEnd('/'), manifest.Model);
        Assert.Equal(served.Index.Folder, manifest.Retriever);
        Assert.Equal(0f, manifest.Temperature);
    }

    [ConformanceFact]
    public async Task A_rerun_skips_finished_examples_and_a_larger_limit_only_appends_the_new_ones()
    {
        string log = Path.Combine(_out, PredictionLog.FileName);
        await EvalRun.RunAsync(Spec([EvalMethod.Direct], limit: 1));
        byte[] first = File.ReadAllBytes(log);
        Assert.Equal(4, File.ReadAllLines(log).Length);

        await EvalRun.RunAsync(Spec([EvalMethod.Direct], limit: 1));
        Assert.Equal(first, File.ReadAllBytes(log));

        var outcome = await EvalRun.RunAsync(Spec([EvalMethod.Direct], limit: 2));
        byte[] grown = File.ReadAllBytes(log);
        Assert.Equal(first, grown[..first.Length]);
        Assert.Equal(8, File.ReadAllLines(log).Length);
        Assert.All(outcome.Results[0].Datasets, d => Assert.Equal(2, d.Count));
    }

    [ConformanceFact]
    public async Task Resuming_with_another_temperature_is_refused()
    {
        await EvalRun.RunAsync(Spec([EvalMethod.Direct], limit: 1));
        var spec = Spec([EvalMethod.Direct], limit: 1);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            EvalRun.RunAsync(spec with { Options = spec.Options with { Temperature = 1 } }));
        Assert.Contains("temperature", error.Message);
    }

    [ConformanceFact]
    public async Task The_scores_match_what_searchr1_score_gives_on_the_written_predictions()
    {
        var outcome = await EvalRun.RunAsync(Spec([EvalMethod.SearchR1], limit: 3, api: OpenAiApi.Chat));

        // `searchr1 score --input predictions.jsonl`, line by line (core's ScoreRecord), with its per-source means.
        var summary = new ScoreSummary();
        foreach (string line in File.ReadLines(Path.Combine(_out, PredictionLog.FileName)))
        {
            var json = JsonNode.Parse(line)!.AsObject();
            double em = json["em"]!.GetValue<double>(), subem = json["subem"]!.GetValue<double>(), f1 = json["f1"]!.GetValue<double>();
            string? prediction = json["prediction"]?.GetValue<string>();
            AnswerScore score = ScoreRecord.Score(json, formatWeights: null);
            summary.Add(score, json["data_source"]!.GetValue<string>());
            Assert.Equal(prediction, score.Extracted);
            Assert.Equal((em, subem, f1), (score.ExactMatch, score.SubstringExactMatch, score.TokenF1));
        }
        foreach (DatasetScores dataset in outcome.Results[0].Datasets)
        {
            ScoreSummary.Totals totals = summary.BySource[dataset.DataSource];
            Assert.Equal(dataset.Count, totals.Count);
            Assert.Equal(dataset.Em, totals.MeanExactMatch, 12);
            Assert.Equal(dataset.SubEm, totals.MeanSubstringExactMatch, 12);
            Assert.Equal(dataset.F1, totals.MeanTokenF1, 12);
        }
    }

    [ConformanceFact]
    public async Task The_search_r1_parquet_is_grouped_by_its_own_data_source_column()
    {
        var outcome = await EvalRun.RunAsync(Spec([EvalMethod.Direct], limit: 3, files: [SharedData.Path("fixtures/searchr1-parquet/test.parquet")]));

        Assert.Equal(["nq", "triviaqa", "popqa", "bamboogle", "average"], outcome.Table.Columns);
        Assert.All(outcome.Results[0].Datasets, d => Assert.Equal(3, d.Count));
    }
}

using Parquet;
using Parquet.Serialization;
using SearchR1.Core.Data;
using SearchR1.Core.Protocol;

namespace SearchR1.Core.Tests.Data;

public sealed class SearchR1ParquetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("searchr1-parquet-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The test's own rendering of the Search-R1 layout (independent of the product's writer), with the
    // nested structs and lists pyarrow writes: prompt list<struct>, reward_model struct<struct<list>>,
    // extra_info struct, plus a metadata struct the reader must carry along.
#pragma warning disable IDE1006 // Parquet column names are the schema's snake_case.
    public sealed class Row
    {
        public string? id { get; set; }
        public string? question { get; set; }
        public List<string>? golden_answers { get; set; }
        public string? data_source { get; set; }
        public List<Message>? prompt { get; set; }
        public string? ability { get; set; }
        public Reward? reward_model { get; set; }
        public Extra? extra_info { get; set; }
        public Meta? metadata { get; set; }
    }

    public sealed class Message
    {
        public string? role { get; set; }
        public string? content { get; set; }
    }

    public sealed class Reward
    {
        public string? style { get; set; }
        public Truth? ground_truth { get; set; }
    }

    public sealed class Truth
    {
        public List<string>? target { get; set; }
    }

    public sealed class Extra
    {
        public string? split { get; set; }
        public long? index { get; set; }
    }

    public sealed class Meta
    {
        public string? subj { get; set; }
        public long? s_pop { get; set; }
    }
#pragma warning restore IDE1006

    [Fact]
    public async Task Rows_written_by_parquet_net_with_nested_structs_and_lists_read_back()
    {
        string path = Path.Combine(_folder, "train.parquet");
        Row[] rows =
        [
            new()
            {
                id = "train_0", question = "who wrote hamlet", golden_answers = ["Shakespeare"], data_source = "nq",
                prompt = [new() { role = "user", content = PromptTemplates.SearchR1("who wrote hamlet") }],
                ability = "fact-reasoning",
                reward_model = new() { style = "rule", ground_truth = new() { target = ["William Shakespeare", "Shakespeare"] } },
                extra_info = new() { split = "train", index = 41 },
                metadata = new() { subj = "Hamlet", s_pop = 7 },
            },
            new()
            {
                // No id, question or golden_answers columns' values: the reader falls back to extra_info,
                // the prompt and reward_model.
                data_source = "hotpotqa",
                prompt = [new() { role = "user", content = PromptTemplates.SearchR1("  capital of France ") }],
                reward_model = new() { style = "rule", ground_truth = new() { target = ["Paris"] } },
                extra_info = new() { split = "train", index = 3 },
            },
        ];
        await ParquetSerializer.SerializeAsync(rows, path);

        IReadOnlyList<QaExample> examples = await QaDatasetReader.ReadAsync(path);

        Assert.Equal(2, examples.Count);
        QaExample first = examples[0];
        Assert.Equal("train_0", first.Id);
        Assert.Equal("who wrote hamlet", first.Question);
        Assert.Equal(["William Shakespeare", "Shakespeare"], first.GoldenAnswers);
        Assert.Equal("nq", first.DataSource);
        Assert.Equal("train", first.Split);
        Assert.Equal(41, first.Index);
        Assert.Equal(PromptTemplates.SearchR1("who wrote hamlet"), first.Prompt);
        Assert.Equal("fact-reasoning", first.Ability);
        Assert.Equal("Hamlet", (string)first.Metadata!["subj"]!);
        Assert.Equal(7, (long)first.Metadata!["s_pop"]!);

        QaExample second = examples[1];
        Assert.Equal("train_3", second.Id);
        Assert.Equal("capital of France?", second.Question);
        Assert.Equal(["Paris"], second.GoldenAnswers);
        Assert.Null(second.Metadata);
    }

    [Fact]
    public async Task The_writer_produces_the_search_r1_columns_and_reads_back_unchanged()
    {
        string path = Path.Combine(_folder, "out", "test.parquet");
        QaExample[] examples =
        [
            new() { Id = "test_0", Question = "who wrote hamlet", GoldenAnswers = ["Shakespeare"], DataSource = "nq", Index = 0 },
            new()
            {
                Id = "dev_5", Question = "Which is older?", GoldenAnswers = ["A", "the A"], DataSource = "hotpotqa",
                Split = "dev", Index = 5, Prompt = "custom prompt\n",
            },
        ];
        await QaDatasetWriter.WriteSearchR1ParquetAsync(path, examples);

        await using (FileStream stream = File.OpenRead(path))
        await using (ParquetReader reader = await ParquetReader.CreateAsync(stream))
        {
            Assert.Equal(
                ["id", "question", "golden_answers/list/element", "data_source", "prompt/list/element/role",
                 "prompt/list/element/content", "ability", "reward_model/style",
                 "reward_model/ground_truth/target/list/element", "extra_info/split", "extra_info/index"],
                reader.Schema.GetDataFields().Select(field => field.Path.ToString()));
        }
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp-*"));

        IReadOnlyList<QaExample> back = await QaDatasetReader.ReadAsync(path);
        Assert.Equal(2, back.Count);
        Assert.Equal(PromptTemplates.SearchR1("who wrote hamlet"), back[0].Prompt);
        Assert.Equal("test", back[0].Split);
        Assert.Equal("fact-reasoning", back[0].Ability);
        Assert.Equal(examples[1] with { Ability = "fact-reasoning", GoldenAnswers = back[1].GoldenAnswers }, back[1]);
        Assert.Equal(["A", "the A"], back[1].GoldenAnswers);
    }

    [Fact]
    public async Task Flashrag_jsonl_written_reads_back_with_metadata()
    {
        string path = Path.Combine(_folder, "bamboogle.test.jsonl");
        QaExample example = new()
        {
            Id = "test_0", Question = "Who was président?", GoldenAnswers = ["james madison"], DataSource = "bamboogle",
            Split = "test", Index = 0, Metadata = new System.Text.Json.Nodes.JsonObject { ["level"] = "hard" },
        };
        await QaDatasetWriter.WriteFlashRagJsonlAsync(path, [example]);
        Assert.Equal(
            "{\"id\":\"test_0\",\"question\":\"Who was président?\",\"golden_answers\":[\"james madison\"],\"data_source\":\"bamboogle\",\"metadata\":{\"level\":\"hard\"}}\n",
            File.ReadAllText(path));
        QaExample back = (await QaDatasetReader.ReadAsync(path))[0];
        Assert.Equal("hard", (string)back.Metadata!["level"]!);
        Assert.Equal(example with { Metadata = back.Metadata, GoldenAnswers = back.GoldenAnswers }, back);
    }

    [Fact]
    public async Task A_row_without_answers_names_the_row_and_the_field()
    {
        string path = Path.Combine(_folder, "broken.parquet");
        await ParquetSerializer.SerializeAsync(
            new[] { new Row { question = "q", golden_answers = ["a"] }, new Row { question = "q2" } }, path);
        var error = await Assert.ThrowsAsync<QaDataException>(() => QaDatasetReader.ReadAsync(path));
        Assert.Equal(
            $"{path}: row 2: field 'reward_model.ground_truth.target': expected a list of strings (or a 'golden_answers' column), but neither is present",
            error.Message);
    }
}

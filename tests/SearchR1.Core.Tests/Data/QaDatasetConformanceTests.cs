using SearchR1.Core.Data;
using SearchR1.Core.Protocol;
using SearchR1.TestSupport;

namespace SearchR1.Core.Tests.Data;

/// <summary>The real QA files in ../shared read completely, with the counts their sources publish.</summary>
[Conformance]
public class QaDatasetConformanceTests
{
    [ConformanceTheory]
    [InlineData("data/qa/nq.test-sample1000.jsonl", QaDatasetFormat.FlashRagJsonl, 1000, "nq")]
    [InlineData("data/qa/popqa.test-sample1000.jsonl", QaDatasetFormat.FlashRagJsonl, 1000, "popqa")]
    [InlineData("data/qa/bamboogle.test.jsonl", QaDatasetFormat.FlashRagJsonl, 125, "bamboogle")]
    [InlineData("data/qa/hotpotqa.distractor-sample300.jsonl", QaDatasetFormat.FlashRagJsonl, 300, "hotpotqa")]
    [InlineData("data/qa/nq.test.json", QaDatasetFormat.JsonList, 3610, "nq")]
    [InlineData("data/qa/hotpotqa.dev.json", QaDatasetFormat.JsonList, 7405, "hotpotqa")]
    [InlineData("data/qa/2wiki.dev.json", QaDatasetFormat.JsonList, 12576, "2wikimultihopqa")]
    [InlineData("data/qa/musique.dev.json", QaDatasetFormat.JsonList, 2417, "musique")]
    public async Task Every_row_of_a_shared_qa_file_reads(string file, QaDatasetFormat format, int count, string dataSource)
    {
        string path = SharedData.Path(file);
        Assert.Equal(format, QaDatasetReader.DetectFormat(path));
        IReadOnlyList<QaExample> examples = await QaDatasetReader.ReadAsync(path);
        Assert.Equal(count, examples.Count);
        Assert.All(examples, example =>
        {
            Assert.Equal(dataSource, example.DataSource);
            Assert.False(string.IsNullOrWhiteSpace(example.Question));
            Assert.NotEmpty(example.GoldenAnswers);
        });
        Assert.Equal(count, examples.Select(e => e.Id).Distinct().Count());
    }

    [ConformanceFact]
    public async Task Popqa_metadata_and_hotpotqa_extra_fields_are_kept()
    {
        QaExample popqa = (await QaDatasetReader.ReadAsync(SharedData.Path("data/qa/popqa.test-sample1000.jsonl")))[0];
        Assert.Equal("test_10207", popqa.Id);
        Assert.Equal("Easy Living", (string)popqa.Metadata!["subj"]!);
        QaExample hotpot = (await QaDatasetReader.ReadAsync(SharedData.Path("data/qa/hotpotqa.distractor-sample300.jsonl")))[0];
        Assert.Equal(["Tulsa"], hotpot.GoldenAnswers);
        Assert.Equal("bridge", (string)hotpot.Metadata!["type"]!);
    }

    [ConformanceTheory]
    [InlineData("fixtures/searchr1-parquet/test.parquet", 60, "test")]
    [InlineData("fixtures/searchr1-parquet/train.parquet", 40, "train")]
    public async Task Search_r1_parquet_written_by_pyarrow_reads_and_its_prompts_are_our_template(string file, int count, string split)
    {
        IReadOnlyList<QaExample> examples = await QaDatasetReader.ReadAsync(SharedData.Path(file));
        Assert.Equal(count, examples.Count);
        Assert.All(examples, example =>
        {
            Assert.Equal(split, example.Split);
            Assert.Equal("fact-reasoning", example.Ability);
            Assert.NotEmpty(example.GoldenAnswers);
            Assert.Equal(PromptTemplates.SearchR1(example.Question), example.Prompt);
        });
        if (split == "test")
        {
            Assert.Equal(
                [("bamboogle", 10), ("nq", 30), ("popqa", 10), ("triviaqa", 10)],
                examples.GroupBy(e => e.DataSource).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())));
            Assert.Equal("test_3283", examples[0].Id);
            Assert.Equal(["Jesus Christ"], examples[0].GoldenAnswers);
        }
    }
}

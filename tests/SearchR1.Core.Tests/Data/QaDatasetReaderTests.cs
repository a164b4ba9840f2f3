using SearchR1.Core.Data;

namespace SearchR1.Core.Tests.Data;

public sealed class QaDatasetReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("searchr1-qa-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Flashrag_jsonl_rows_keep_id_question_answers_and_metadata()
    {
        string path = Write("popqa.test-sample3.jsonl",
            "{\"id\": \"test_7\", \"question\": \"Who composed Easy Living?\", \"golden_answers\": [\"Ralph Rainger\", \"Ralph Reichenthal\"], \"metadata\": {\"s_pop\": 1381}}\n" +
            "\n" +
            "{\"id\": 12, \"question\": \"q2\", \"golden_answers\": \"single\"}\n");
        Assert.Equal(QaDatasetFormat.FlashRagJsonl, QaDatasetReader.DetectFormat(path));
        IReadOnlyList<QaExample> examples = QaDatasetReader.Read(path);
        Assert.Equal(2, examples.Count);
        Assert.Equal("test_7", examples[0].Id);
        Assert.Equal("Who composed Easy Living?", examples[0].Question);
        Assert.Equal(["Ralph Rainger", "Ralph Reichenthal"], examples[0].GoldenAnswers);
        Assert.Equal("popqa", examples[0].DataSource);
        Assert.Equal("test", examples[0].Split);
        Assert.Equal(1381, (int)examples[0].Metadata!["s_pop"]!);
        Assert.Equal("12", examples[1].Id);
        Assert.Equal(["single"], examples[1].GoldenAnswers);
        Assert.Equal(1, examples[1].Index);
    }

    [Fact]
    public void Json_lists_take_answers_as_strings_or_lists_and_the_data_source_from_the_file_name()
    {
        string path = Write("hotpotqa.dev.json",
            "[{\"question\": \"Were they of the same nationality?\", \"answer\": \"yes\"},\n" +
            " {\"question\": \"When?\", \"answer\": [\"14 December 1972\", \"December 1972\"]}]");
        Assert.Equal(QaDatasetFormat.JsonList, QaDatasetReader.DetectFormat(path));
        IReadOnlyList<QaExample> examples = QaDatasetReader.Read(path);
        Assert.Equal(2, examples.Count);
        Assert.All(examples, e => Assert.Equal("hotpotqa", e.DataSource));
        Assert.Equal(["yes"], examples[0].GoldenAnswers);
        Assert.Equal(["14 December 1972", "December 1972"], examples[1].GoldenAnswers);
        Assert.Equal("dev_1", examples[1].Id);
        Assert.Equal("dev", examples[1].Split);
    }

    [Fact]
    public void An_explicit_data_source_overrides_the_file_name()
    {
        string path = Write("2wiki.dev.json", "[{\"question\": \"q\", \"answer\": \"a\"}]");
        Assert.Equal("2wikimultihopqa", QaDatasetReader.Read(path)[0].DataSource);
        Assert.Equal("mine", QaDatasetReader.Read(path, dataSource: "mine")[0].DataSource);
    }

    [Fact]
    public void A_missing_question_names_the_file_line_and_field()
    {
        string path = Write("nq.test.jsonl",
            "{\"id\": \"a\", \"question\": \"q\", \"golden_answers\": [\"x\"]}\n{\"id\": \"b\", \"golden_answers\": [\"x\"]}\n");
        var error = Assert.Throws<QaDataException>(() => QaDatasetReader.Read(path));
        Assert.Equal($"{path}: line 2: field 'question': expected a string, but the field is missing", error.Message);
        Assert.Equal("line 2", error.Location);
        Assert.Equal("question", error.Field);
    }

    [Fact]
    public void Answers_of_the_wrong_type_name_the_item_and_what_was_expected()
    {
        string path = Write("musique.dev.json", "[{\"question\": \"q\", \"answer\": \"a\"}, {\"question\": \"q\", \"answer\": [\"a\", 3.5, {}]}]");
        var error = Assert.Throws<QaDataException>(() => QaDatasetReader.Read(path));
        Assert.Equal($"{path}: item 2: field 'answer[2]': expected a string, got an object", error.Message);

        string noAnswer = Write("x.jsonl", "{\"question\": \"q\"}\n");
        Assert.Contains("line 1: field 'golden_answers': expected a string or a list of strings",
            Assert.Throws<QaDataException>(() => QaDatasetReader.Read(noAnswer)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_that_is_not_json_is_reported_with_its_number()
    {
        string path = Write("bad.jsonl", "{\"question\": \"q\", \"golden_answers\": [\"a\"]}\n{not json}\n");
        var error = Assert.Throws<QaDataException>(() => QaDatasetReader.Read(path));
        Assert.StartsWith($"{path}: line 2: expected one JSON object per line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_neither_format_is_rejected()
    {
        string path = Write("notes.txt", "id,question\n");
        Assert.Contains("expected a parquet file, jsonl objects",
            Assert.Throws<QaDataException>(() => QaDatasetReader.DetectFormat(path)).Message, StringComparison.Ordinal);
    }
}

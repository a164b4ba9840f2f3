using SearchR1.Core.Data;
using SearchR1.TestSupport;

namespace SearchR1.Core.Tests.Data;

public sealed class SearchR1CsvTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("searchr1-csv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Header = "id,question,golden_answers,data_source,prompt,ability,reward_model,extra_info\n";

    [Fact]
    public void Pandas_csv_rows_with_python_reprs_read_including_quoted_newlines()
    {
        string path = Path.Combine(_folder, "test.csv");
        File.WriteAllText(path, Header +
            "test_36,who sings it?,\"[\"\"Destiny's Child\"\" 'Solange Knowles']\",nq,\"[{'content': 'Answer...\nQuestion: who sings it?\\n', 'role': 'user'}]\",fact-reasoning," +
            "\"{'ground_truth': {'target': array([\"\"Destiny's Child\"\", 'Solange Knowles'], dtype=object)}, 'style': 'rule'}\",\"{'index': 36, 'split': 'test'}\"\n");
        Assert.Equal(QaDatasetFormat.SearchR1Csv, QaDatasetReader.DetectFormat(path));
        QaExample example = Assert.Single(QaDatasetReader.Read(path));
        Assert.Equal("test_36", example.Id);
        Assert.Equal("who sings it?", example.Question);
        Assert.Equal(["Destiny's Child", "Solange Knowles"], example.GoldenAnswers);
        Assert.Equal("nq", example.DataSource);
        Assert.Equal("Answer...\nQuestion: who sings it?\n", example.Prompt);
        Assert.Equal(36, example.Index);
        Assert.Equal("test", example.Split);
    }

    [Fact]
    public void A_malformed_cell_names_the_line_and_column()
    {
        string path = Path.Combine(_folder, "bad.csv");
        File.WriteAllText(path, Header +
            "a,q,['x'],nq,,,\"{'ground_truth': {'target': ['x']}}\",\n" +
            "b,q,['x'],nq,,,\"{'ground_truth': {'target': ['x'}}\",\n");
        var error = Assert.Throws<QaDataException>(() => QaDatasetReader.Read(path));
        Assert.StartsWith($"{path}: line 3: field 'reward_model': expected", error.Message, StringComparison.Ordinal);
    }

    [ConformanceFact]
    [Conformance]
    public void The_search_r1_nq_test_csv_reads_every_row()
    {
        IReadOnlyList<QaExample> examples = QaDatasetReader.Read(SharedData.Path("data/qa/nq.searchr1-test.csv"));
        Assert.Equal(3610, examples.Count);
        Assert.All(examples, e => Assert.StartsWith("Answer the given question.", e.Prompt!, StringComparison.Ordinal));
        Assert.Equal(["Wilhelm Conrad Röntgen"], examples[0].GoldenAnswers);
        Assert.Equal(["Destiny's Child", "Solange Knowles"], examples[36].GoldenAnswers);
        Assert.Contains(examples, e => e.GoldenAnswers.Contains("February\u00a01,\u00a02018"));
        Assert.Equal(Enumerable.Range(0, 3610).Select(i => (long)i), examples.Select(e => e.Index));
    }
}

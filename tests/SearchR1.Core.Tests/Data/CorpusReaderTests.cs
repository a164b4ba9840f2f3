using SearchR1.Core.Data;
using SearchR1.TestSupport;

namespace SearchR1.Core.Tests.Data;

public sealed class CorpusReaderTests
{
    [Fact]
    public void Search_r1_lines_are_read_in_order_with_extra_fields_kept()
    {
        string text = "{\"id\": \"0\", \"contents\": \"\\\"A\\\"\\nalpha\"}\n\n{\"id\": 12, \"contents\": \"\\\"B\\\"\\nbeta\", \"url\": \"u\"}\n";

        var records = CorpusReader.Read(new StringReader(text), "mem").ToList();

        Assert.Equal(2, records.Count);
        Assert.Equal("0", records[0].Id);
        Assert.Equal("A", records[0].Title);
        Assert.Equal("12", records[1].Id);
        Assert.Equal("beta", records[1].Text);
        Assert.Equal("u", records[1].ExtraFields!["url"].GetString());
    }

    [Fact]
    public void Beir_rows_become_search_r1_contents()
    {
        var record = CorpusReader.Read(new StringReader("{\"_id\": \"4983\", \"title\": \"T\", \"text\": \"body\"}"), "mem").Single();

        Assert.Equal("4983", record.Id);
        Assert.Equal("\"T\"\nbody", record.Contents);
    }

    [Theory]
    [InlineData("{\"id\": \"1\", \"contents\": \"x\"}\nnot json", 2, "(line)")]
    [InlineData("{\"contents\": \"x\"}", 1, "id")]
    [InlineData("{\"id\": \"1\"}", 1, "contents")]
    [InlineData("{\"id\": \"1\", \"contents\": 5}", 1, "contents")]
    [InlineData("{\"id\": [1], \"contents\": \"x\"}", 1, "id")]
    [InlineData("[1, 2]", 1, "(line)")]
    public void Bad_lines_fail_with_the_file_line_and_field(string text, long line, string field)
    {
        var error = Assert.Throws<CorpusFormatException>(() => CorpusReader.Read(new StringReader(text), "corpus.jsonl").ToList());

        Assert.Equal(line, error.LineNumber);
        Assert.Equal(field, error.Field);
        Assert.StartsWith($"corpus.jsonl:{line}: field '{field}'", error.Message);
    }

    [ConformanceFact]
    [Conformance]
    public void The_wiki18_sample_reads_as_1000_passages_with_titles_quoted_only_where_the_corpus_quotes_them()
    {
        var records = CorpusReader.Read(SharedData.Path("data/corpus/wiki18-sample1000.jsonl")).ToList();

        Assert.Equal(1000, records.Count);
        Assert.Equal("Evan Morris", records[0].Title);
        Assert.Equal(879, records.Count(r => r.TitleLine.StartsWith('"')));
        Assert.Equal("Absalon", records.First(r => !r.TitleLine.StartsWith('"')).Title);
    }
}

using SearchR1.Core.Data;
using SearchR1.TestSupport;

namespace SearchR1.Core.Tests.Data;

public sealed class CorpusWriterTests
{
    [Fact]
    public void Lines_are_written_as_python_json_dumps_writes_them()
    {
        var record = new CorpusRecord("0", "\"Evan Morris\"\nJanuary 26, 1977 \u2013 July\t\\ \u00e9 \U0001F600");

        string line = CorpusWriter.FormatLine(record);

        Assert.Equal("{\"id\": \"0\", \"contents\": \"\\\"Evan Morris\\\"\\nJanuary 26, 1977 \\u2013 July\\t\\\\ \\u00e9 \\ud83d\\ude00\"}", line);
    }

    [ConformanceFact]
    [Conformance]
    public void Rewriting_the_wiki18_sample_reproduces_it_byte_for_byte()
    {
        string source = SharedData.Path("data/corpus/wiki18-sample1000.jsonl");
        string copy = Path.Combine(Path.GetTempPath(), $"corpus-{Guid.NewGuid():N}.jsonl");
        try
        {
            long count = CorpusWriter.WriteAll(copy, CorpusReader.Read(source));

            Assert.Equal(1000, count);
            Assert.Equal(File.ReadAllText(source), File.ReadAllText(copy));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void An_abandoned_writer_leaves_no_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"corpus-{Guid.NewGuid():N}.jsonl");
        using (var writer = new CorpusWriter(path))
        {
            writer.Write(new CorpusRecord("1", "\"a\"\nb"));
        }

        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + ".tmp-*"));
    }
}

using SearchR1.Core.Data;

namespace SearchR1.Core.Tests.Data;

public sealed class CorpusRecordTests
{
    [Fact]
    public void Title_is_the_first_line_without_its_quotes_and_text_is_the_rest()
    {
        var record = new CorpusRecord("7", "\"Paul Walker\"\nPaul Walker was an actor.\nSecond line.");

        Assert.Equal("\"Paul Walker\"", record.TitleLine);
        Assert.Equal("Paul Walker", record.Title);
        Assert.Equal("Paul Walker was an actor.\nSecond line.", record.Text);
    }

    [Fact]
    public void Contents_without_a_newline_is_all_title_and_no_text()
    {
        var record = new CorpusRecord("1", "\"Lonely\"");

        Assert.Equal("Lonely", record.Title);
        Assert.Equal("", record.Text);
    }

    [Fact]
    public void Title_and_text_become_quoted_contents_with_inner_quotes_doubled()
    {
        CorpusRecord record = CorpusRecord.FromTitleAndText("x", "The \"Best\" Song", "Body.");

        Assert.Equal("\"The \"\"Best\"\" Song\"\nBody.", record.Contents);
    }
}

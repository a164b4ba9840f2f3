using System.Text.Json;

namespace SearchR1.Core.Data;

/// <summary>
/// One passage of a Search-R1 corpus (SPEC §3.2): <c>{"id": "0", "contents": "\"Title\"\ntext…"}</c>.
/// The title is the first line of <see cref="Contents"/>, wrapped in double quotes (inner quotes doubled).
/// </summary>
/// <param name="Id">The passage id as written in the corpus (a string; numeric ids are kept as their text).</param>
/// <param name="Contents">The raw contents: the quoted title line, a newline, then the text.</param>
public sealed record CorpusRecord(string Id, string Contents)
{
    /// <summary>Fields of the corpus row beyond id and contents, kept so a writer or a server can return the whole row.</summary>
    public IReadOnlyDictionary<string, JsonElement>? ExtraFields { get; init; }

    /// <summary>The first line of the contents, quotes kept (what Search-R1's <c>Doc i(Title: …)</c> shows).</summary>
    public string TitleLine
    {
        get
        {
            int newline = Contents.IndexOf('\n');
            return newline < 0 ? Contents : Contents[..newline];
        }
    }

    /// <summary>The title as the original BM25 server returns it: the first line with its surrounding quotes stripped (Python <c>strip('"')</c>).</summary>
    public string Title => TitleLine.Trim('"');

    /// <summary>Everything after the first line (Python <c>"\n".join(contents.split("\n")[1:])</c>).</summary>
    public string Text
    {
        get
        {
            int newline = Contents.IndexOf('\n');
            return newline < 0 ? string.Empty : Contents[(newline + 1)..];
        }
    }

    /// <summary>Builds the Search-R1 contents from a separate title and text (BEIR-style corpora).</summary>
    public static CorpusRecord FromTitleAndText(string id, string title, string text) =>
        new(id, FormatContents(title, text));

    /// <summary>The Search-R1 contents for a title and a text: <c>"Title"</c> (inner quotes doubled), a newline, the text.</summary>
    public static string FormatContents(string title, string text) =>
        "\"" + title.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"\n" + text;
}

using System.Text;
using SearchR1.Core.Rewards.Unicode;

namespace SearchR1.Core.Protocol;

/// <summary>
/// Turns retrieved passages into the text the policy reads (the original's <c>_passages2string</c> and
/// <c>execute_predictions</c>). A passage is given by its corpus <c>contents</c>: the first line is the title
/// (corpus quotes kept, e.g. <c>"Paul Walker"</c>), the rest is the text.
/// </summary>
public static class InformationFormatter
{
    /// <summary>
    /// <c>Doc {i}(Title: {title}) {text}\n</c> for each passage (i from 1; no space before "(Title:"), not
    /// stripped (the original's <c>_passages2string</c> / <c>format_reference</c>): this is the RAG template's
    /// context as is; a search observation strips it (<see cref="Observation"/>).
    /// </summary>
    public static string FormatDocuments(IEnumerable<string> contents)
    {
        var builder = new StringBuilder();
        int index = 1;
        foreach (string content in contents)
        {
            int newline = content.IndexOf('\n', StringComparison.Ordinal);
            string title = newline < 0 ? content : content[..newline];
            string text = newline < 0 ? string.Empty : content[(newline + 1)..];
            builder.Append("Doc ").Append(index).Append("(Title: ").Append(title).Append(") ").Append(text).Append('\n');
            index++;
        }
        return builder.ToString();
    }

    /// <summary>
    /// The observation a search turn appends: <c>"\n\n&lt;information&gt;" + docs.strip() + "&lt;/information&gt;\n\n"</c>.
    /// </summary>
    public static string Observation(IEnumerable<string> contents)
        => "\n\n" + ProtocolText.InformationOpen + PythonText.Strip(FormatDocuments(contents))
            + ProtocolText.InformationClose + "\n\n";
}

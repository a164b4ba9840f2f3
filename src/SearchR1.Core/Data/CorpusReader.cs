using System.Text;
using System.Text.Json;

namespace SearchR1.Core.Data;

/// <summary>
/// Streams a corpus in JSON-lines form, one passage per line, in constant memory. Reads the Search-R1 format
/// (<c>{"id", "contents"}</c>, SPEC §3.2) and BEIR / title-text rows (<c>{"_id" or "id", "title", "text"}</c>),
/// which become Search-R1 contents (<c>"title"\ntext</c>). Numeric ids are kept as their text. Blank lines are skipped.
/// </summary>
public static class CorpusReader
{
    /// <summary>Reads every passage of <paramref name="path"/> lazily, in file order (row i is FAISS id i).</summary>
    /// <exception cref="CorpusFormatException">A line is not a JSON object or lacks an id or contents.</exception>
    public static IEnumerable<CorpusRecord> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Corpus file not found: {path}", path);
        }
        return ReadLines(path);
    }

    /// <summary>Reads passages from an open reader; <paramref name="sourceName"/> names it in error messages.</summary>
    public static IEnumerable<CorpusRecord> Read(TextReader reader, string sourceName)
    {
        long lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            yield return ParseLine(line, sourceName, lineNumber);
        }
    }

    /// <summary>Parses one corpus line.</summary>
    public static CorpusRecord ParseLine(string line, string sourceName, long lineNumber)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new CorpusFormatException(sourceName, lineNumber, "(line)", $"expected a JSON object, but the line is not valid JSON ({e.Message})");
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CorpusFormatException(sourceName, lineNumber, "(line)", $"expected a JSON object, found {root.ValueKind}");
            }

            string id = ReadId(root, sourceName, lineNumber);
            string contents;
            Dictionary<string, JsonElement>? extra = null;
            string[] known;
            if (root.TryGetProperty("contents", out JsonElement contentsElement))
            {
                contents = RequireString(contentsElement, "contents", sourceName, lineNumber);
                known = ["id", "_id", "contents"];
            }
            else if (root.TryGetProperty("text", out JsonElement textElement))
            {
                string text = RequireString(textElement, "text", sourceName, lineNumber);
                string title = root.TryGetProperty("title", out JsonElement titleElement) && titleElement.ValueKind != JsonValueKind.Null
                    ? RequireString(titleElement, "title", sourceName, lineNumber)
                    : string.Empty;
                contents = CorpusRecord.FormatContents(title, text);
                known = ["id", "_id", "title", "text"];
            }
            else
            {
                throw new CorpusFormatException(sourceName, lineNumber, "contents",
                    "missing: expected a string \"contents\" (Search-R1) or \"title\" + \"text\" (BEIR)");
            }

            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (Array.IndexOf(known, property.Name) < 0)
                {
                    extra ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                    extra[property.Name] = property.Value.Clone();
                }
            }
            return new CorpusRecord(id, contents) { ExtraFields = extra };
        }
    }

    private static IEnumerable<CorpusRecord> ReadLines(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        foreach (CorpusRecord record in Read(reader, path))
        {
            yield return record;
        }
    }

    private static string ReadId(JsonElement root, string sourceName, long lineNumber)
    {
        string field = root.TryGetProperty("id", out JsonElement idElement) ? "id"
            : root.TryGetProperty("_id", out idElement) ? "_id"
            : throw new CorpusFormatException(sourceName, lineNumber, "id", "missing: expected a string or integer \"id\"");
        return idElement.ValueKind switch
        {
            JsonValueKind.String => idElement.GetString()!,
            JsonValueKind.Number => idElement.GetRawText(),
            _ => throw new CorpusFormatException(sourceName, lineNumber, field, $"expected a string or integer, found {idElement.ValueKind}"),
        };
    }

    private static string RequireString(JsonElement element, string field, string sourceName, long lineNumber) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new CorpusFormatException(sourceName, lineNumber, field, $"expected a string, found {element.ValueKind}");
}

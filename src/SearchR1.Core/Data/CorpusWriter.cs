using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SearchR1.Core.Data;

/// <summary>
/// Writes a corpus in the Search-R1 line format byte for byte as Python's <c>json.dumps</c> does
/// (<c>{"id": "0", "contents": "…"}</c>, <c>", "</c> and <c>": "</c> separators, non-ASCII as lower-case
/// <c>\uXXXX</c>), extra fields after. The file appears atomically: it is written beside the target and
/// moved into place by <see cref="Complete"/>; disposing without completing removes the temporary file.
/// </summary>
public sealed class CorpusWriter : IDisposable
{
    private readonly string _path;
    private readonly string _temporaryPath;
    private readonly StreamWriter _writer;
    private bool _completed;

    public CorpusWriter(string path)
    {
        _path = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        _temporaryPath = _path + $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        _writer = new StreamWriter(_temporaryPath, append: false, new UTF8Encoding(false), bufferSize: 1 << 16) { NewLine = "\n" };
    }

    /// <summary>Number of passages written so far.</summary>
    public long Count { get; private set; }

    /// <summary>Appends one passage as one line.</summary>
    public void Write(CorpusRecord record)
    {
        _writer.WriteLine(FormatLine(record));
        Count++;
    }

    /// <summary>Flushes and moves the file into place (replacing any previous file).</summary>
    public void Complete()
    {
        _writer.Flush();
        _writer.Dispose();
        File.Move(_temporaryPath, _path, overwrite: true);
        _completed = true;
    }

    public void Dispose()
    {
        if (!_completed)
        {
            _writer.Dispose();
            File.Delete(_temporaryPath);
        }
    }

    /// <summary>Writes a whole corpus atomically.</summary>
    public static long WriteAll(string path, IEnumerable<CorpusRecord> records)
    {
        using var writer = new CorpusWriter(path);
        foreach (CorpusRecord record in records)
        {
            writer.Write(record);
        }
        writer.Complete();
        return writer.Count;
    }

    /// <summary>One corpus line, as Python's <c>json.dumps(row)</c> would write it (without the newline).</summary>
    public static string FormatLine(CorpusRecord record)
    {
        var builder = new StringBuilder(record.Contents.Length + 32);
        builder.Append("{\"id\": ");
        AppendPythonString(builder, record.Id);
        builder.Append(", \"contents\": ");
        AppendPythonString(builder, record.Contents);
        if (record.ExtraFields is not null)
        {
            foreach ((string name, JsonElement value) in record.ExtraFields)
            {
                builder.Append(", ");
                AppendPythonString(builder, name);
                builder.Append(": ");
                AppendPythonValue(builder, value);
            }
        }
        builder.Append('}');
        return builder.ToString();
    }

    /// <summary>Appends a JSON string literal escaped as Python's <c>json.dumps</c> (ensure_ascii) escapes it.</summary>
    public static void AppendPythonString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        builder.Append('"');
    }

    private static void AppendPythonValue(StringBuilder builder, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                AppendPythonString(builder, value.GetString()!);
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                bool firstItem = true;
                foreach (JsonElement item in value.EnumerateArray())
                {
                    builder.Append(firstItem ? "" : ", ");
                    AppendPythonValue(builder, item);
                    firstItem = false;
                }
                builder.Append(']');
                break;
            case JsonValueKind.Object:
                builder.Append('{');
                bool firstProperty = true;
                foreach (JsonProperty property in value.EnumerateObject())
                {
                    builder.Append(firstProperty ? "" : ", ");
                    AppendPythonString(builder, property.Name);
                    builder.Append(": ");
                    AppendPythonValue(builder, property.Value);
                    firstProperty = false;
                }
                builder.Append('}');
                break;
            default:
                builder.Append(value.GetRawText());
                break;
        }
    }
}

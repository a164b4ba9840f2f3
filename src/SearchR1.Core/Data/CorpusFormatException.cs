namespace SearchR1.Core.Data;

/// <summary>A corpus line that cannot be read: the message names the file, the line, the field and what was expected.</summary>
public sealed class CorpusFormatException : FormatException
{
    public CorpusFormatException(string path, long lineNumber, string field, string problem)
        : base($"{path}:{lineNumber}: field '{field}': {problem}")
    {
        Path = path;
        LineNumber = lineNumber;
        Field = field;
    }

    /// <summary>The corpus file.</summary>
    public string Path { get; }

    /// <summary>The 1-based line number.</summary>
    public long LineNumber { get; }

    /// <summary>The JSON field at fault (<c>(line)</c> when the line itself is not a JSON object).</summary>
    public string Field { get; }
}

namespace SearchR1.Core.Data;

/// <summary>
/// A QA file that cannot be read, with where and why: the file, the line (jsonl), item (JSON list) or row
/// (parquet), the field, and what was expected.
/// </summary>
public sealed class QaDataException : Exception
{
    public QaDataException(string file, string location, string? field, string problem, Exception? inner = null)
        : base(Compose(file, location, field, problem), inner)
    {
        File = file;
        Location = location;
        Field = field;
    }

    public QaDataException()
    {
        File = string.Empty;
        Location = string.Empty;
    }

    public QaDataException(string message)
        : base(message)
    {
        File = string.Empty;
        Location = string.Empty;
    }

    public QaDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
        Location = string.Empty;
    }

    public string File { get; }

    /// <summary>"line 12", "item 3" or "row 40" (1-based).</summary>
    public string Location { get; }

    public string? Field { get; }

    private static string Compose(string file, string location, string? field, string problem) =>
        field is null ? $"{file}: {location}: {problem}" : $"{file}: {location}: field '{field}': {problem}";
}

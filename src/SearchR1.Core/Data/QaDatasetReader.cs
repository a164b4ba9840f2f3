namespace SearchR1.Core.Data;

/// <summary>
/// Reads QA examples from any supported file, detecting the format: Search-R1 parquet (<c>.parquet</c> or the
/// PAR1 magic), Search-R1 rows saved as CSV (<c>.csv</c>), FlashRAG jsonl (one object per line), or a JSON list of <c>{"question", "answer"}</c>. Where rows
/// carry no data source or split, they come from the file name (<c>hotpotqa.dev.json</c> → hotpotqa, dev).
/// Bad input throws <see cref="QaDataException"/> naming the file, the line/item/row, the field and what was
/// expected.
/// </summary>
public static class QaDatasetReader
{
    /// <summary>The format of <paramref name="path"/>, from its first bytes (and its extension for parquet).</summary>
    public static QaDatasetFormat DetectFormat(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: QA file not found.", path);
        }
        using FileStream stream = File.OpenRead(path);
        var magic = new byte[4];
        int read = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        if ((read == 4 && magic.AsSpan().SequenceEqual("PAR1"u8))
            || path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            return QaDatasetFormat.SearchR1Parquet;
        }
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return QaDatasetFormat.SearchR1Csv;
        }
        stream.Position = 0;
        using var reader = new StreamReader(stream);
        int c;
        while ((c = reader.Read()) >= 0 && char.IsWhiteSpace((char)c))
        {
        }
        return c switch
        {
            '[' => QaDatasetFormat.JsonList,
            '{' => QaDatasetFormat.FlashRagJsonl,
            < 0 => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? QaDatasetFormat.JsonList
                : QaDatasetFormat.FlashRagJsonl,
            _ => throw new QaDataException(path, "line 1", null,
                $"expected a parquet file, jsonl objects ('{{') or a JSON list ('['), found '{(char)c}'"),
        };
    }

    /// <summary>Reads every example of <paramref name="path"/>; <paramref name="dataSource"/> overrides the file's.</summary>
    public static async Task<IReadOnlyList<QaExample>> ReadAsync(
        string path, string? dataSource = null, CancellationToken cancellationToken = default)
    {
        QaDatasetFormat format = DetectFormat(path);
        string defaultSource = dataSource ?? QaFileName.DataSource(path);
        string? split = QaFileName.Split(path);
        List<QaExample> examples;
        switch (format)
        {
            case QaDatasetFormat.SearchR1Parquet:
                examples = await SearchR1ParquetReader.ReadAsync(path, defaultSource, split, cancellationToken)
                    .ConfigureAwait(false);
                break;
            case QaDatasetFormat.SearchR1Csv:
                examples = SearchR1CsvReader.Read(path, defaultSource, split);
                break;
            case QaDatasetFormat.JsonList:
                examples = await JsonListReader.ReadAsync(path, defaultSource, split, cancellationToken).ConfigureAwait(false);
                break;
            default:
                examples = [];
                await foreach (QaExample example in FlashRagJsonlReader.ReadAsync(path, defaultSource, split, cancellationToken)
                    .ConfigureAwait(false))
                {
                    examples.Add(example);
                }
                break;
        }
        return dataSource is null ? examples : [.. examples.Select(e => e with { DataSource = dataSource })];
    }

    /// <summary>Synchronous <see cref="ReadAsync"/>.</summary>
    public static IReadOnlyList<QaExample> Read(string path, string? dataSource = null) =>
        ReadAsync(path, dataSource).GetAwaiter().GetResult();
}

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SearchR1.Core.Data;

/// <summary>Reads FlashRAG jsonl: one JSON object per line (blank lines skipped), streaming.</summary>
internal static class FlashRagJsonlReader
{
    public static async IAsyncEnumerable<QaExample> ReadAsync(
        string path, string dataSource, string? split, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        long lineNumber = 0;
        long index = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            string location = string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}");
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException error)
            {
                throw new QaDataException(path, location, null, $"expected one JSON object per line: {error.Message}", error);
            }
            using (document)
            {
                yield return JsonQaRow.Parse(
                    document.RootElement, index, dataSource, split,
                    (field, problem) => new QaDataException(path, location, field, problem));
            }
            index++;
        }
    }
}

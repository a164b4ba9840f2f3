using System.Globalization;
using System.Text.Json;

namespace SearchR1.Core.Data;

/// <summary>Reads a JSON array of <c>{"question", "answer"}</c> objects (the answer a string or a list of strings).</summary>
internal static class JsonListReader
{
    public static async Task<List<QaExample>> ReadAsync(
        string path, string dataSource, string? split, CancellationToken cancellationToken)
    {
        JsonDocument document;
        await using (FileStream stream = File.OpenRead(path))
        {
            try
            {
                document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException error)
            {
                string location = string.Create(
                    CultureInfo.InvariantCulture, $"line {(error.LineNumber ?? 0) + 1}");
                throw new QaDataException(path, location, null, $"expected a JSON list of objects: {error.Message}", error);
            }
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new QaDataException(path, "top level", null,
                    $"expected a JSON list of {{\"question\", \"answer\"}} objects, got {JsonQaRow.Describe(document.RootElement)}");
            }
            var examples = new List<QaExample>(document.RootElement.GetArrayLength());
            long index = 0;
            foreach (JsonElement item in document.RootElement.EnumerateArray())
            {
                string location = string.Create(CultureInfo.InvariantCulture, $"item {index + 1}");
                examples.Add(JsonQaRow.Parse(
                    item, index, dataSource, split, (field, problem) => new QaDataException(path, location, field, problem)));
                index++;
            }
            return examples;
        }
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SearchR1.Core.Data;

/// <summary>Turns one JSON object (a jsonl line or a list item) into a <see cref="QaExample"/>, naming what is wrong.</summary>
internal static class JsonQaRow
{
    private static readonly string[] AnswerFields = ["golden_answers", "answer", "answers"];

    private static readonly HashSet<string> KnownFields =
        ["id", "question", "golden_answers", "answer", "answers", "data_source", "split", "metadata"];

    /// <summary>Builds the example; <paramref name="fail"/> makes the exception for a field and a problem.</summary>
    public static QaExample Parse(
        JsonElement row, long index, string defaultDataSource, string? defaultSplit, Func<string?, string, QaDataException> fail)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            throw fail(null, $"expected a JSON object, got {Describe(row)}");
        }
        string question = row.TryGetProperty("question", out JsonElement q) && q.ValueKind == JsonValueKind.String
            ? q.GetString()!
            : throw fail("question", row.TryGetProperty("question", out JsonElement bad)
                ? $"expected a string, got {Describe(bad)}"
                : "expected a string, but the field is missing");

        IReadOnlyList<string>? answers = null;
        foreach (string field in AnswerFields)
        {
            if (row.TryGetProperty(field, out JsonElement value))
            {
                answers = Answers(value, field, fail);
                break;
            }
        }
        if (answers is null)
        {
            throw fail("golden_answers", "expected a string or a list of strings (or an 'answer' field), but none is present");
        }

        string? split = OptionalString(row, "split", fail) ?? defaultSplit;
        string id = row.TryGetProperty("id", out JsonElement idElement)
            ? idElement.ValueKind switch
            {
                JsonValueKind.String => idElement.GetString()!,
                JsonValueKind.Number => idElement.GetRawText(),
                _ => throw fail("id", $"expected a string or a number, got {Describe(idElement)}"),
            }
            : MakeId(split, index);

        return new QaExample
        {
            Id = id,
            Question = question,
            GoldenAnswers = answers,
            DataSource = OptionalString(row, "data_source", fail) ?? defaultDataSource,
            Split = split,
            Index = index,
            Metadata = Metadata(row, fail),
        };
    }

    public static string MakeId(string? split, long index) =>
        string.Create(CultureInfo.InvariantCulture, $"{split ?? "row"}_{index}");

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{element.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => element.ValueKind.ToString(),
    };

    private static List<string> Answers(JsonElement value, string field, Func<string?, string, QaDataException> fail)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw fail(field, $"expected a string or a list of strings, got {Describe(value)}");
        }
        var answers = new List<string>();
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            answers.Add(item.ValueKind switch
            {
                JsonValueKind.String => item.GetString()!,
                // Some datasets store numeric answers as numbers: keep their JSON spelling.
                JsonValueKind.Number => item.GetRawText(),
                _ => throw fail($"{field}[{i}]", $"expected a string, got {Describe(item)}"),
            });
            i++;
        }
        return answers;
    }

    private static string? OptionalString(JsonElement row, string field, Func<string?, string, QaDataException> fail)
    {
        if (!row.TryGetProperty(field, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw fail(field, $"expected a string, got {Describe(value)}");
    }

    private static JsonObject? Metadata(JsonElement row, Func<string?, string, QaDataException> fail)
    {
        if (row.TryGetProperty("metadata", out JsonElement metadata) && metadata.ValueKind != JsonValueKind.Null)
        {
            return metadata.ValueKind == JsonValueKind.Object
                ? JsonObject.Create(metadata.Clone())
                : throw fail("metadata", $"expected an object, got {Describe(metadata)}");
        }
        JsonObject? extra = null;
        foreach (JsonProperty property in row.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name))
            {
                extra ??= [];
                extra[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
        }
        return extra;
    }
}

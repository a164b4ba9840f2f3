using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using Parquet.Serialization;

namespace SearchR1.Core.Data;

/// <summary>
/// Reads Search-R1's parquet rows (SPEC §1.2) column by name, so files with fewer or more columns (no <c>id</c>,
/// an extra <c>metadata</c> struct) read too. The gold answers are <c>reward_model.ground_truth.target</c> (what
/// the reward uses), else <c>golden_answers</c>.
/// </summary>
internal static class SearchR1ParquetReader
{
    private const string QuestionMarker = "Question: ";

    public static async Task<List<QaExample>> ReadAsync(
        string path, string defaultDataSource, string? defaultSplit, CancellationToken cancellationToken)
    {
        IList<Dictionary<string, object>> rows;
        try
        {
            await using FileStream stream = File.OpenRead(path);
            rows = (await ParquetSerializer.DeserializeUntypedAsync(stream, cancellationToken: cancellationToken)
                .ConfigureAwait(false)).Data;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            throw new QaDataException(path, "file", null, $"expected a readable parquet file: {error.Message}", error);
        }
        var examples = new List<QaExample>(rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            string location = string.Create(CultureInfo.InvariantCulture, $"row {i + 1}");
            examples.Add(ReadRow(rows[i], i, defaultDataSource, defaultSplit,
                (field, problem) => new QaDataException(path, location, field, problem)));
        }
        return examples;
    }

    private static QaExample ReadRow(
        Dictionary<string, object> row, long rowIndex, string defaultDataSource, string? defaultSplit,
        Func<string?, string, QaDataException> fail)
    {
        IDictionary? extraInfo = Map(row.GetValueOrDefault("extra_info"), "extra_info", fail);
        string? split = String(Get(extraInfo, "split"), "extra_info.split", fail) ?? defaultSplit;
        long index = Get(extraInfo, "index") switch
        {
            null => rowIndex,
            long value => value,
            int value => value,
            object other => throw fail("extra_info.index", $"expected an integer, got {Describe(other)}"),
        };

        string? prompt = Prompt(row.GetValueOrDefault("prompt"), fail);
        string question = String(row.GetValueOrDefault("question"), "question", fail)
            ?? QuestionFromPrompt(prompt)
            ?? throw fail("question", "expected a string (or a prompt holding 'Question: …'), but neither is present");

        IDictionary? rewardModel = Map(row.GetValueOrDefault("reward_model"), "reward_model", fail);
        IDictionary? groundTruth = Map(Get(rewardModel, "ground_truth"), "reward_model.ground_truth", fail);
        List<string>? answers = Strings(Get(groundTruth, "target"), "reward_model.ground_truth.target", fail)
            ?? Strings(row.GetValueOrDefault("golden_answers"), "golden_answers", fail)
            ?? throw fail("reward_model.ground_truth.target",
                "expected a list of strings (or a 'golden_answers' column), but neither is present");

        return new QaExample
        {
            Id = String(row.GetValueOrDefault("id"), "id", fail) ?? JsonQaRow.MakeId(split, index),
            Question = question,
            GoldenAnswers = answers,
            DataSource = String(row.GetValueOrDefault("data_source"), "data_source", fail) ?? defaultDataSource,
            Split = split,
            Index = index,
            Prompt = prompt,
            Ability = String(row.GetValueOrDefault("ability"), "ability", fail),
            Metadata = ToJson(row.GetValueOrDefault("metadata")) as JsonObject,
        };
    }

    private static string? Prompt(object? value, Func<string?, string, QaDataException> fail)
    {
        if (value is null)
        {
            return null;
        }
        if (value is not IEnumerable messages || value is string)
        {
            throw fail("prompt", $"expected a list of {{role, content}} structs, got {Describe(value)}");
        }
        string? first = null;
        int i = 0;
        foreach (object? message in messages)
        {
            IDictionary map = Map(message, $"prompt[{i}]", fail)
                ?? throw fail($"prompt[{i}]", "expected a {role, content} struct, got null");
            string? content = String(Get(map, "content"), $"prompt[{i}].content", fail);
            if (String(Get(map, "role"), $"prompt[{i}].role", fail) == "user")
            {
                return content;
            }
            first ??= content;
            i++;
        }
        return first;
    }

    private static string? QuestionFromPrompt(string? prompt)
    {
        int at = prompt?.LastIndexOf(QuestionMarker, StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : prompt![(at + QuestionMarker.Length)..].TrimEnd('\n');
    }

    /// <summary>A struct's field, null when the struct or the field is absent.</summary>
    private static object? Get(IDictionary? map, string key) => map is not null && map.Contains(key) ? map[key] : null;

    private static string? String(object? value, string field, Func<string?, string, QaDataException> fail) => value switch
    {
        null => null,
        string text => text,
        ReadOnlyMemory<char> memory => memory.ToString(),
        long or int => Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => throw fail(field, $"expected a string, got {Describe(value)}"),
    };

    private static List<string>? Strings(object? value, string field, Func<string?, string, QaDataException> fail)
    {
        if (value is null)
        {
            return null;
        }
        if (value is not IEnumerable items || value is string || value is IDictionary)
        {
            throw fail(field, $"expected a list of strings, got {Describe(value)}");
        }
        var strings = new List<string>();
        int i = 0;
        foreach (object? item in items)
        {
            strings.Add(String(item, $"{field}[{i}]", fail) ?? throw fail($"{field}[{i}]", "expected a string, got null"));
            i++;
        }
        return strings;
    }

    private static IDictionary? Map(object? value, string field, Func<string?, string, QaDataException> fail) => value switch
    {
        null => null,
        IDictionary map => map,
        _ => throw fail(field, $"expected a struct, got {Describe(value)}"),
    };

    private static string Describe(object value) => value switch
    {
        string or ReadOnlyMemory<char> => "a string",
        IDictionary => "a struct",
        IEnumerable => "a list",
        _ => $"a {value.GetType().Name} ({Convert.ToString(value, CultureInfo.InvariantCulture)})",
    };

    /// <summary>Parquet values (strings, numbers, lists, structs) as JSON, for metadata.</summary>
    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        ReadOnlyMemory<char> memory => JsonValue.Create(memory.ToString()),
        bool flag => JsonValue.Create(flag),
        long number => JsonValue.Create(number),
        int number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        float number => JsonValue.Create(number),
        IDictionary map => new JsonObject(map.Keys.Cast<object>().Select(key =>
            KeyValuePair.Create(Convert.ToString(key, CultureInfo.InvariantCulture)!, ToJson(map[key])))),
        IEnumerable items => new JsonArray([.. items.Cast<object?>().Select(ToJson)]),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}

using System.Collections;
using System.Globalization;

namespace SearchR1.Core.Data;

/// <summary>
/// Reads Search-R1 data saved by pandas as CSV (e.g. RL-Factory's <c>searchr1_data/test.csv</c>): the parquet
/// columns, with structs and lists written as Python reprs (<c>{'ground_truth': {'target': array([...],
/// dtype=object)}, 'style': 'rule'}</c>). The gold answers come from <c>reward_model</c>, else <c>golden_answers</c>.
/// </summary>
internal static class SearchR1CsvReader
{
    public static List<QaExample> Read(string path, string defaultDataSource, string? defaultSplit)
    {
        using var reader = new StreamReader(path);
        List<string>? header = null;
        var examples = new List<QaExample>();
        try
        {
            foreach ((int line, List<string> fields) in CsvRecords.Read(reader))
            {
                if (header is null)
                {
                    header = fields;
                    if (!header.Contains("question") && !header.Contains("prompt"))
                    {
                        throw new QaDataException(path, "line 1", null,
                            "expected a header naming the Search-R1 columns (question, golden_answers, reward_model, …)");
                    }
                    continue;
                }
                string location = string.Create(CultureInfo.InvariantCulture, $"line {line}");
                if (fields.Count != header.Count)
                {
                    throw new QaDataException(path, location, null,
                        $"expected {header.Count} comma-separated fields as in the header, found {fields.Count}");
                }
                var row = new Dictionary<string, string>(StringComparer.Ordinal);
                for (int i = 0; i < header.Count; i++)
                {
                    row[header[i]] = fields[i];
                }
                examples.Add(ReadRow(row, examples.Count, defaultDataSource, defaultSplit,
                    (field, problem) => new QaDataException(path, location, field, problem)));
            }
        }
        catch (FormatException error)
        {
            // CsvRecords reports "line N: problem".
            int colon = error.Message.IndexOf(": ", StringComparison.Ordinal);
            throw new QaDataException(path, error.Message[..colon], null, error.Message[(colon + 2)..], error);
        }
        return examples;
    }

    private static QaExample ReadRow(
        Dictionary<string, string> row, long rowIndex, string defaultDataSource, string? defaultSplit,
        Func<string?, string, QaDataException> fail)
    {
        IDictionary? extra = Literal(row, "extra_info", fail) as IDictionary;
        string? split = Get(extra, "split") as string ?? defaultSplit;
        long index = Get(extra, "index") is long value ? value : rowIndex;

        string? prompt = null;
        if (Literal(row, "prompt", fail) is IList messages)
        {
            foreach (object? message in messages)
            {
                if (message is IDictionary map && Get(map, "content") is string content)
                {
                    prompt ??= content;
                    if (Get(map, "role") as string == "user")
                    {
                        prompt = content;
                        break;
                    }
                }
            }
        }

        IDictionary? groundTruth = Get(Literal(row, "reward_model", fail) as IDictionary, "ground_truth") as IDictionary;
        List<string>? answers = Strings(Get(groundTruth, "target"), "reward_model.ground_truth.target", fail);
        if (answers is null && row.TryGetValue("golden_answers", out string? golden) && golden.Length > 0)
        {
            answers = golden.TrimStart().StartsWith('[')
                ? Strings(Literal(row, "golden_answers", fail), "golden_answers", fail)
                : [golden];
        }
        string question = row.GetValueOrDefault("question") is { Length: > 0 } q
            ? q
            : throw fail("question", "expected the question text, but the cell is empty or missing");

        return new QaExample
        {
            Id = row.GetValueOrDefault("id") is { Length: > 0 } id ? id : JsonQaRow.MakeId(split, index),
            Question = question,
            GoldenAnswers = answers ?? throw fail("reward_model", "expected {'ground_truth': {'target': [...]}} or a golden_answers list, but neither is present"),
            DataSource = row.GetValueOrDefault("data_source") is { Length: > 0 } source ? source : defaultDataSource,
            Split = split,
            Index = index,
            Prompt = prompt,
            Ability = row.GetValueOrDefault("ability") is { Length: > 0 } ability ? ability : null,
        };
    }

    private static object? Literal(Dictionary<string, string> row, string column, Func<string?, string, QaDataException> fail)
    {
        if (!row.TryGetValue(column, out string? text) || text.Length == 0)
        {
            return null;
        }
        try
        {
            return PythonLiteral.Parse(text);
        }
        catch (FormatException error)
        {
            throw fail(column, error.Message);
        }
    }

    private static object? Get(IDictionary? map, string key) => map is not null && map.Contains(key) ? map[key] : null;

    private static List<string>? Strings(object? value, string field, Func<string?, string, QaDataException> fail)
    {
        if (value is null)
        {
            return null;
        }
        if (value is not IList items)
        {
            throw fail(field, "expected a list of strings");
        }
        var strings = new List<string>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            strings.Add(items[i] as string ?? throw fail($"{field}[{i}]", "expected a string"));
        }
        return strings;
    }
}

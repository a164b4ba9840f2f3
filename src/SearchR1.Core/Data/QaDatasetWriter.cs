using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parquet.Serialization;
using SearchR1.Core.Protocol;

namespace SearchR1.Core.Data;

/// <summary>
/// Writes QA examples as FlashRAG jsonl or as Search-R1 parquet (the layout the original's data scripts make),
/// atomically: a temporary file beside the target, then a rename.
/// </summary>
public static class QaDatasetWriter
{
    private static readonly JsonSerializerOptions JsonlOptions = new()
    {
        // Keep non-ASCII text readable, as FlashRAG's files are.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// One <c>{"id", "question", "golden_answers", "data_source", "metadata"?}</c> line per example (FlashRAG
    /// readers ignore the extra data_source).
    /// </summary>
    public static async Task WriteFlashRagJsonlAsync(
        string path, IEnumerable<QaExample> examples, CancellationToken cancellationToken = default)
    {
        await WriteAtomicallyAsync(path, async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            foreach (QaExample example in examples)
            {
                var line = new JsonObject
                {
                    ["id"] = example.Id,
                    ["question"] = example.Question,
                    ["golden_answers"] = new JsonArray([.. example.GoldenAnswers.Select(a => (JsonNode?)JsonValue.Create(a))]),
                    ["data_source"] = example.DataSource,
                };
                if (example.Metadata is not null)
                {
                    line["metadata"] = example.Metadata.DeepClone();
                }
                await writer.WriteAsync(line.ToJsonString(JsonlOptions).AsMemory(), cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync("\n".AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Search-R1 parquet rows: <c>id, question, golden_answers, data_source, prompt, ability, reward_model,
    /// extra_info</c>. The prompt is the example's stored prompt, else <paramref name="template"/> applied to the
    /// question; the split defaults to <paramref name="defaultSplit"/>. Metadata is not written (its schema varies
    /// by dataset and training does not read it).
    /// </summary>
    public static async Task WriteSearchR1ParquetAsync(
        string path,
        IEnumerable<QaExample> examples,
        PromptTemplateKind template = PromptTemplateKind.SearchR1,
        string defaultSplit = "test",
        CancellationToken cancellationToken = default)
    {
        List<SearchR1ParquetRow> rows = [.. examples.Select(example => new SearchR1ParquetRow
        {
            Id = example.Id,
            Question = example.Question,
            GoldenAnswers = [.. example.GoldenAnswers],
            DataSource = example.DataSource,
            Prompt =
            [
                new SearchR1ParquetRow.Message
                {
                    Role = "user",
                    Content = example.Prompt ?? PromptTemplates.Build(template, example.Question),
                },
            ],
            Ability = example.Ability ?? "fact-reasoning",
            Reward = new SearchR1ParquetRow.RewardModel
            {
                Style = "rule",
                Truth = new SearchR1ParquetRow.GroundTruth { Target = [.. example.GoldenAnswers] },
            },
            Extra = new SearchR1ParquetRow.ExtraInfo { Split = example.Split ?? defaultSplit, Index = example.Index },
        })];
        await WriteAtomicallyAsync(path, stream =>
            ParquetSerializer.SerializeAsync(rows, stream, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static async Task WriteAtomicallyAsync(string path, Func<Stream, Task> write)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                await write(stream).ConfigureAwait(false);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}

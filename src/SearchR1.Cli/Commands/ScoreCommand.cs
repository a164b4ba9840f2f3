using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SearchR1.Core.Rewards;
using Spectre.Console;

namespace SearchR1.Cli.Commands;

/// <summary>
/// <c>searchr1 score</c>: Search-R1's reward on a jsonl file of sequences or predictions, line by line, with the
/// means at the end.
/// </summary>
public static class ScoreCommand
{
    private static readonly JsonSerializerOptions OutputOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var input = new Option<FileInfo>("--input", "-i")
        {
            Description = "jsonl: each line holds golden_answers (a string or a list) and either solution_str " +
                "(a full decoded sequence: chat template, prompt, every turn) or prediction (an answer already extracted).",
            Required = true,
        };
        var output = new Option<FileInfo?>("--output", "-o")
        {
            Description = "Where to write the scored jsonl (written atomically). Without it, the scored lines go to " +
                "stdout and the summary to stderr.",
        };
        var formatReward = new Option<string?>("--format-reward")
        {
            Description = "Also score Search-R1 v0.3's format reward with weights SFS,FFS,RS (structure, final " +
                "format, retrieval), e.g. 0.2,0.1,0.0; adds format_valid, retrieval_correct, format_score.",
        };
        var command = new Command(
            "score",
            "Score answers exactly as Search-R1's reward does: answer extraction over the full sequence, " +
            "normalize_answer, EM, sub-EM, token F1, and optionally the format reward. Each output line repeats the " +
            "input fields and adds extracted, normalized_prediction, em, subem, f1 (and format_valid, " +
            "retrieval_correct, format_score). Prints mean EM / sub-EM / F1 (per data_source when lines name one).\n\n" +
            "Examples:\n" +
            "  searchr1 score --input rollouts.jsonl --output scored.jsonl\n" +
            "  searchr1 score -i rollouts.jsonl --format-reward 0.2,0.1,0.1 > scored.jsonl")
        {
            input,
            output,
            formatReward,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            TextWriter stdout = parseResult.InvocationConfiguration.Output;
            TextWriter stderr = parseResult.InvocationConfiguration.Error;
            FileInfo inputFile = parseResult.GetValue(input)!;
            FileInfo? outputFile = parseResult.GetValue(output);
            FormatRewardWeights? weights;
            try
            {
                string? text = parseResult.GetValue(formatReward);
                weights = text is null ? null : FormatRewardWeights.Parse(text);
            }
            catch (FormatException error)
            {
                await stderr.WriteLineAsync($"--format-reward: {error.Message}").ConfigureAwait(false);
                return 2;
            }
            if (!inputFile.Exists)
            {
                await stderr.WriteLineAsync($"{inputFile.FullName}: input file not found.").ConfigureAwait(false);
                return 2;
            }

            var summary = new ScoreSummary();
            try
            {
                if (outputFile is null)
                {
                    await ScoreAsync(inputFile.FullName, stdout, weights, summary, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await WriteAtomicallyAsync(outputFile.FullName, writer =>
                        ScoreAsync(inputFile.FullName, writer, weights, summary, cancellationToken)).ConfigureAwait(false);
                }
            }
            catch (InvalidDataException error)
            {
                await stderr.WriteLineAsync(error.Message).ConfigureAwait(false);
                return 1;
            }
            RenderSummary(summary, outputFile is null ? stderr : stdout);
            return 0;
        });
        return command;
    }

    private static async Task ScoreAsync(
        string path, TextWriter writer, FormatRewardWeights? weights, ScoreSummary summary, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        int lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            JsonObject line;
            try
            {
                line = JsonNode.Parse(text) as JsonObject
                    ?? throw new InvalidDataException($"{path}: line {lineNumber}: expected a JSON object");
            }
            catch (JsonException error)
            {
                throw new InvalidDataException($"{path}: line {lineNumber}: expected a JSON object: {error.Message}", error);
            }
            AnswerScore score;
            try
            {
                score = ScoreRecord.Score(line, weights);
            }
            catch (FormatException error)
            {
                throw new InvalidDataException($"{path}: line {lineNumber}: {error.Message}", error);
            }
            string? dataSource = line["data_source"]?.GetValueKind() == JsonValueKind.String
                ? line["data_source"]!.GetValue<string>()
                : null;
            summary.Add(score, dataSource);
            await writer.WriteLineAsync(line.ToJsonString(OutputOptions).AsMemory(), cancellationToken).ConfigureAwait(false);
        }
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void RenderSummary(ScoreSummary summary, TextWriter writer)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
        });
        bool hasFormat = summary.Overall.FormatCount > 0;
        var table = new Table().Title("Search-R1 reward");
        table.AddColumn("data_source");
        table.AddColumn(new TableColumn("n").RightAligned());
        table.AddColumn(new TableColumn("EM").RightAligned());
        table.AddColumn(new TableColumn("sub-EM").RightAligned());
        table.AddColumn(new TableColumn("F1").RightAligned());
        if (hasFormat)
        {
            table.AddColumn(new TableColumn("format").RightAligned());
        }
        foreach ((string source, ScoreSummary.Totals totals) in summary.BySource)
        {
            table.AddRow(Row(Markup.Escape(source), totals, hasFormat));
        }
        table.AddRow(Row("[bold]all[/]", summary.Overall, hasFormat));
        console.Write(table);
    }

    private static string[] Row(string label, ScoreSummary.Totals totals, bool hasFormat)
    {
        var cells = new List<string>
        {
            label,
            totals.Count.ToString(CultureInfo.InvariantCulture),
            Number(totals.MeanExactMatch),
            Number(totals.MeanSubstringExactMatch),
            Number(totals.MeanTokenF1),
        };
        if (hasFormat)
        {
            cells.Add(totals.MeanFormatScore is { } format ? Number(format) : "-");
        }
        return [.. cells];
    }

    private static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static async Task WriteAtomicallyAsync(string path, Func<TextWriter, Task> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = $"{path}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            await using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
            {
                await write(writer).ConfigureAwait(false);
            }
            File.Move(temporary, path, overwrite: true);
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

using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;

namespace SearchR1.Cli.Commands;

/// <summary>What the retrieval verbs share: progress on stderr, typed configuration files, option overrides.</summary>
internal static class RetrievalCommandSupport
{
    private static readonly JsonSerializerOptions ConfigJson = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Progress and messages go to stderr, so stdout carries only data.</summary>
    public static IAnsiConsole Stderr { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>Reads a component's typed settings from a JSON file, or its defaults when no file is named.</summary>
    public static T LoadConfig<T>(string? path) where T : new()
    {
        if (path is null)
        {
            return new T();
        }
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), ConfigJson) ?? new T();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: line {e.LineNumber + 1}: field '{e.Path}': {e.Message}", e);
        }
    }

    /// <summary>True when the user typed the option (so it overrides the configuration file).</summary>
    public static bool Given(ParseResult parseResult, Option option) => parseResult.GetResult(option) is { Implicit: false };

    /// <summary>Runs a streaming build with a live "N passages, X/s" line on stderr.</summary>
    public static async Task<long> WithPassageProgressAsync(string label, Func<IProgress<long>, long> build)
    {
        long result = 0;
        var clock = Stopwatch.StartNew();
        await Stderr.Progress()
            .AutoClear(false)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask(label);
                task.IsIndeterminate = true;
                var progress = new Progress<long>(done =>
                {
                    double rate = done / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
                    task.Description = $"{label}: {done:N0} passages, {rate:N0}/s";
                });
                result = await Task.Run(() => build(progress)).ConfigureAwait(false);
                task.Description = $"{label}: {result:N0} passages in {clock.Elapsed.TotalSeconds:N1} s ({result / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):N0}/s)";
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
                task.StopTask();
            }).ConfigureAwait(false);
        return result;
    }

    /// <summary>Prints an error the way every verb does and returns the exit code for it.</summary>
    public static int Fail(Exception e)
    {
        Stderr.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
        return 1;
    }
}

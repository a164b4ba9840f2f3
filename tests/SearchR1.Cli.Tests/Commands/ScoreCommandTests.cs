using System.CommandLine;
using System.Text.Json.Nodes;
using SearchR1.Cli.Commands;

namespace SearchR1.Cli.Tests.Commands;

public sealed class ScoreCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("searchr1-score-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { ScoreCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    private const string Prompt =
        "<|im_start|>user\nAnswer ... For example, <answer> Beijing </answer>. Question: q?\n<|im_end|>\n<|im_start|>assistant\n";

    [Fact]
    public async Task Scored_lines_go_to_stdout_and_the_means_to_stderr_without_an_output_file()
    {
        string input = Path.Combine(_folder, "in.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            new JsonObject
            {
                ["id"] = "a",
                ["solution_str"] = Prompt + "<think> x </think><answer> The Eiffel Tower </answer>",
                ["golden_answers"] = new JsonArray("eiffel tower"),
            }.ToJsonString(),
            "",
            new JsonObject { ["id"] = "b", ["prediction"] = "Paris France", ["golden_answers"] = "Paris" }.ToJsonString(),
        ]);

        (int exitCode, string output, string error) = await RunAsync("score", "--input", input);

        Assert.Equal(0, exitCode);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        JsonObject first = JsonNode.Parse(lines[0])!.AsObject();
        Assert.Equal("a", (string)first["id"]!);
        Assert.Equal("The Eiffel Tower", (string)first["extracted"]!);
        Assert.Equal("eiffel tower", (string)first["normalized_prediction"]!);
        Assert.Equal(1.0, (double)first["em"]!);
        Assert.Equal(1.0, (double)first["subem"]!);
        Assert.Equal(1.0, (double)first["f1"]!);
        Assert.False(first.ContainsKey("format_score"));
        JsonObject second = JsonNode.Parse(lines[1])!.AsObject();
        Assert.Equal("Paris France", (string)second["extracted"]!);
        Assert.Equal(0.0, (double)second["em"]!);
        Assert.Equal(1.0, (double)second["subem"]!);
        Assert.Equal(2.0 / 3.0, (double)second["f1"]!, 12);
        Assert.Contains("0.5000", error, StringComparison.Ordinal);   // mean EM
        Assert.Contains("0.8333", error, StringComparison.Ordinal);   // mean F1
    }

    [Fact]
    public async Task Format_weights_add_the_format_fields_and_the_output_file_gets_the_lines()
    {
        string input = Path.Combine(_folder, "in.jsonl");
        string outputFile = Path.Combine(_folder, "out", "scored.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            new JsonObject
            {
                ["solution_str"] = Prompt + "<think> x </think><search> q </search>\n\n<information>Doc 1(Title: \"Paris\") Paris</information>\n\n<think> y </think><answer> Lyon </answer>",
                ["golden_answers"] = new JsonArray("Paris"),
                ["data_source"] = "nq",
            }.ToJsonString(),
            new JsonObject { ["solution_str"] = "no answer at all", ["golden_answers"] = new JsonArray("Paris"), ["data_source"] = "nq" }.ToJsonString(),
        ]);

        (int exitCode, string output, _) = await RunAsync("score", "-i", input, "-o", outputFile, "--format-reward", "0.2,0.1,0.1");

        Assert.Equal(0, exitCode);
        string[] lines = File.ReadAllLines(outputFile);
        JsonObject first = JsonNode.Parse(lines[0])!.AsObject();
        Assert.True((bool)first["format_valid"]!);
        Assert.True((bool)first["retrieval_correct"]!);
        Assert.Equal(0.30000000000000004, (double)first["format_score"]!);
        JsonObject second = JsonNode.Parse(lines[1])!.AsObject();
        Assert.Null(second["extracted"]);
        Assert.Null(second["normalized_prediction"]);
        Assert.False((bool)second["format_valid"]!);
        Assert.Null(second["retrieval_correct"]);
        Assert.True(second.ContainsKey("retrieval_correct"));
        Assert.Equal(0.0, (double)second["format_score"]!);
        Assert.Contains("nq", output, StringComparison.Ordinal);
        Assert.Contains("0.1500", output, StringComparison.Ordinal);   // mean format score
    }

    [Fact]
    public async Task A_bad_line_fails_naming_the_file_line_and_field()
    {
        string input = Path.Combine(_folder, "bad.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            "{\"prediction\": \"x\", \"golden_answers\": [\"x\"]}",
            "{\"prediction\": \"x\", \"golden_answers\": 3}",
        ]);
        (int exitCode, _, string error) = await RunAsync("score", "--input", input);
        Assert.Equal(1, exitCode);
        Assert.Contains($"{input}: line 2: field 'golden_answers': expected a string or a list of strings, got the number 3", error, StringComparison.Ordinal);

        await File.WriteAllTextAsync(input, "{\"golden_answers\": [\"x\"]}\n");
        (exitCode, _, error) = await RunAsync("score", "--input", input);
        Assert.Equal(1, exitCode);
        Assert.Contains("line 1: field 'solution_str' or 'prediction'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_weights_and_missing_files_are_rejected()
    {
        string input = Path.Combine(_folder, "in.jsonl");
        await File.WriteAllTextAsync(input, "");
        (int exitCode, _, string error) = await RunAsync("score", "--input", input, "--format-reward", "0.2,x");
        Assert.Equal(2, exitCode);
        Assert.Contains("SFS,FFS,RS", error, StringComparison.Ordinal);
        (exitCode, _, error) = await RunAsync("score", "--input", Path.Combine(_folder, "missing.jsonl"));
        Assert.Equal(2, exitCode);
        Assert.Contains("not found", error, StringComparison.Ordinal);
    }
}

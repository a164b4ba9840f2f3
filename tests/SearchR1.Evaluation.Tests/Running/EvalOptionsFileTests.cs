using SearchR1.Evaluation.Methods;
using SearchR1.Evaluation.Running;

namespace SearchR1.Evaluation.Tests.Running;

public sealed class EvalOptionsFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("searchr1-evalcfg-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void No_file_gives_the_papers_protocol_with_greedy_decoding()
    {
        EvalOptions options = EvalOptionsFile.Load(null);
        Assert.Equal((EvalMethod.SearchR1, 3, 4, 500, 500, 0f), (options.Method, options.TopK, options.MaxTurns, options.MaxResponseTokens, options.MaxObservationTokens, options.Temperature));
    }

    [Fact]
    public void Yaml_keys_override_the_defaults_and_the_rest_stay()
    {
        EvalOptions options = EvalOptionsFile.Load(Write("eval.yaml", "method: rag\ntop_k: 5\ntemperature: 1\nseed: 42\n"));
        Assert.Equal(EvalMethod.Rag, options.Method);
        Assert.Equal(5, options.TopK);
        Assert.Equal(1f, options.Temperature);
        Assert.Equal(42, options.Seed);
        Assert.Equal(4, options.MaxTurns);
    }

    [Fact]
    public void Json_files_are_read_too()
    {
        EvalOptions options = EvalOptionsFile.Load(Write("eval.json", "{\"max_turns\": 2, \"batch_size\": 8}"));
        Assert.Equal((2, 8), (options.MaxTurns, options.BatchSize));
    }

    [Fact]
    public void An_unknown_key_is_an_error_naming_the_file_and_line()
    {
        string path = Write("bad.yaml", "top_k: 3\ntopk: 5\n");
        var error = Assert.Throws<InvalidDataException>(() => EvalOptionsFile.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("line 2", error.Message);
    }
}

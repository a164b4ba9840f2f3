using SearchR1.Evaluation.Running;

namespace SearchR1.Evaluation.Tests.Running;

public sealed class PredictionLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("searchr1-log-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static EvalRecord Record(string key, double em, string method = "search-r1", string source = "nq") => new()
    {
        Key = key,
        Id = key,
        DataSource = source,
        Method = method,
        Question = "who? " + key,
        GoldenAnswers = ["a"],
        Prompt = "p",
        SolutionStr = "p r",
        Response = "r",
        Turns = [new EvalTurn { Response = "r", Action = "answer", Content = "a" }],
        Searches = [],
        Prediction = "a",
        Em = em,
    };

    [Fact]
    public void Records_appended_are_read_back_by_a_new_log_in_order()
    {
        using (var log = PredictionLog.Open(_folder))
        {
            log.Append(Record("nq/1", 1));
            log.Append(Record("nq/2", 0));
        }
        using var reopened = PredictionLog.Open(_folder);
        Assert.Equal(["nq/1", "nq/2"], reopened.Records.Select(r => r.Key));
        Assert.True(reopened.Contains("search-r1", "nq/2"));
        Assert.False(reopened.Contains("rag", "nq/2"));
        Assert.Equal("answer", reopened.Records[0].Turns[0].Action);
    }

    [Fact]
    public void A_line_torn_by_an_interrupted_write_is_dropped_and_appending_continues_cleanly()
    {
        using (var log = PredictionLog.Open(_folder))
        {
            log.Append(Record("nq/1", 1));
        }
        string path = Path.Combine(_folder, PredictionLog.FileName);
        File.AppendAllText(path, "{\"key\":\"nq/2\",\"id\":");
        using (var log = PredictionLog.Open(_folder))
        {
            Assert.Single(log.Records);
            log.Append(Record("nq/3", 0));
        }
        Assert.Equal(["nq/1", "nq/3"], PredictionLog.Read(path).Select(r => r.Key));
    }

    [Fact]
    public void A_malformed_line_in_the_middle_is_reported_with_its_line_number()
    {
        string path = Path.Combine(_folder, PredictionLog.FileName);
        File.WriteAllText(path, "not json\n{}\n");
        var error = Assert.Throws<InvalidDataException>(() => PredictionLog.Read(path));
        Assert.Contains("line 1", error.Message);
        Assert.Contains(path, error.Message);
    }
}

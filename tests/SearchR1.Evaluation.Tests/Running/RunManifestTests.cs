using SearchR1.Evaluation.Running;

namespace SearchR1.Evaluation.Tests.Running;

public class RunManifestTests
{
    private static RunManifest Manifest(EvalOptions options, string model = "m") =>
        RunManifest.From(options, model, "bm25", ["search-r1"], ["nq.jsonl"], null, "eval");

    [Fact]
    public void A_manifest_round_trips_through_its_file()
    {
        string folder = Directory.CreateTempSubdirectory("searchr1-manifest-").FullName;
        try
        {
            var manifest = Manifest(new EvalOptions { Temperature = 1, Seed = 7 });
            manifest.Write(folder);
            var read = RunManifest.TryRead(folder)!;
            Assert.Equal(1f, read.Temperature);
            Assert.Equal(7, read.Seed);
            Assert.Equal("bm25", read.Retriever);
            Assert.Contains("dotnet", read.Versions.Keys);
            Assert.Null(read.ConflictWith(manifest));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Resuming_with_another_model_or_temperature_is_a_conflict_naming_the_setting()
    {
        var earlier = Manifest(new EvalOptions());
        Assert.Contains("temperature", Manifest(new EvalOptions { Temperature = 1 }).ConflictWith(earlier));
        Assert.Contains("model", Manifest(new EvalOptions(), model: "other").ConflictWith(earlier));
        Assert.Null(Manifest(new EvalOptions { BatchSize = 4 }).ConflictWith(earlier));
    }
}

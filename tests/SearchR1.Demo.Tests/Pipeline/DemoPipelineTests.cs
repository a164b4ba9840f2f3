using System.Text.Json;
using SearchR1.Demo.Pipeline;
using SearchR1.Modeling.Checkpoints;
using SearchR1.Modeling.Tokenization;
using SearchR1.Retrieval;
using SearchR1.Training.Configuration;
using SearchR1.TestSupport;

namespace SearchR1.Demo.Tests.Pipeline;

/// <summary>
/// The demo end to end on a small world with a tiny base and two RL steps: proves every stage runs with the real
/// components and the outputs are well-formed. It does not check the learning targets (too few steps to learn).
/// </summary>
public sealed class DemoPipelineTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("demo-e2e");

    private string _folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_fast_demo_runs_every_stage_and_writes_a_well_formed_summary()
    {
        DemoOptions options = DemoOptions.Fast(_folder);

        DemoResult result = await DemoPipeline.RunAsync(options);

        // summary.json has exactly the fields programs compare runs by.
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "summary.json")));
        JsonElement root = summary.RootElement;
        foreach (string phase in new[] { "before", "after" })
        {
            foreach (string kind in new[] { "single_hop", "two_hop" })
            {
                JsonElement scores = root.GetProperty(phase).GetProperty(kind);
                Assert.InRange(scores.GetProperty("em").GetDouble(), 0, 1);
                Assert.InRange(scores.GetProperty("searches_per_question").GetDouble(), 0, options.MaxTurns);
                Assert.True(scores.GetProperty("response_tokens").GetDouble() > 0);
                Assert.Equal(options.World.TestQuestionsPerKind, scores.GetProperty("questions").GetInt32());
            }
        }
        Assert.Equal(options.Steps, root.GetProperty("steps").GetInt32());
        Assert.Equal("grpo", root.GetProperty("algorithm").GetString());
        Assert.True(root.GetProperty("masking").GetBoolean());
        Assert.True(root.GetProperty("wall_seconds").GetDouble() > 0);
        Assert.True(root.GetProperty("peak_memory_mb").GetDouble() > 0);
        string checkpoint = root.GetProperty("checkpoint").GetString()!;
        string index = root.GetProperty("index").GetString()!;

        // The checkpoint and the base model are Hugging Face folders the real loaders read.
        using (var model = HfCheckpoint.LoadCausalLanguageModel(checkpoint))
        {
            Assert.Equal("qwen2", model.Config.ModelType);
            Assert.Equal(options.BaseModel.HiddenSize, model.Config.HiddenSize);
        }
        Assert.True(HfTokenizer.Load(result.Files.BaseModel).VocabularySize > 256);

        // The index answers queries; the questions and the train.yaml are in the project's ordinary formats.
        using (IRetriever retriever = RetrieverFactory.Open(index))
        {
            var hits = await retriever.SearchAsync(["born"], 3);
            Assert.Equal(3, hits[0].Count);
        }
        Assert.Equal(2 * options.World.TestQuestionsPerKind, File.ReadAllLines(result.Files.TestQuestions).Length);
        TrainingConfig config = TrainingConfigLoader.Load(result.Files.TrainConfig);
        Assert.Empty(config.Validate());
        Assert.Equal(options.Steps, config.Trainer.TotalSteps);
        Assert.Equal(Path.GetFullPath(result.Files.BaseModel), config.Actor.ModelPath);
        Assert.Equal("grpo", config.Algorithm.AdvEstimator);
        Assert.True(File.Exists(Path.Combine(result.RunFolder, "metrics.jsonl")));
        Assert.NotNull(result.Example);
    }
}

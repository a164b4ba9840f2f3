using SearchR1.Demo.Base;
using SearchR1.Demo.Pipeline;
using SearchR1.Demo.World;
using SearchR1.Retrieval;
using SearchR1.TestSupport;

namespace SearchR1.Demo.Tests.Base;

public sealed class BaseModelRecipeTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("demo-recipe");

    private string _folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Pretraining_observations_come_from_the_real_index_but_only_hold_pretraining_passages()
    {
        SyntheticWorld world = WorldGenerator.Generate(WorldOptions.Fast);
        var files = new WorldFiles(_folder);
        await files.WriteAsync(world, [], []);
        using IRetriever retriever = RetrieverFactory.Open(files.Index);

        ExampleTrajectoryWriter writer = await BaseModelRecipe.CreateWriterAsync(world, retriever, topK: 3, new BaseBehaviour(PassageShare: 0));
        var random = new Random(6);
        string observations = string.Concat(Enumerable.Range(0, 1500)
            .SelectMany(_ => writer.Next(random).Segments)
            .Where(s => s.Source == SearchR1.Core.Protocol.TokenSource.Observation)
            .Select(s => s.Text));

        // The index holds every partition, and BM25 ranks other partitions' passages among the top three for many
        // of these queries; none of them may reach the base model.
        var otherTitles = WorldPassages.Write(world)
            .Select(p => p.Title)
            .Except(WorldPassages.Write(world, WorldPartition.Pretraining).Select(p => p.Title))
            .ToList();
        Assert.Contains("Doc 3(Title: ", observations);
        Assert.All(otherTitles, title => Assert.DoesNotContain($"(Title: \"{title}\")", observations, StringComparison.Ordinal));
    }
}

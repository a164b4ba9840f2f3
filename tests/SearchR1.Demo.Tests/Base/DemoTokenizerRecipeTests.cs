using SearchR1.Core.Protocol;
using SearchR1.Demo.Base;
using SearchR1.Demo.Tokenizer;
using SearchR1.Demo.World;
using SearchR1.Modeling.Tokenization;
using SearchR1.TestSupport;

namespace SearchR1.Demo.Tests.Base;

public class DemoTokenizerRecipeTests : IDisposable
{
    private static readonly SyntheticWorld World = WorldGenerator.Generate(WorldOptions.Fast);
    private readonly TemporaryFolder _temp = new("demo-tok");

    private string _folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private HfTokenizer TrainAndLoad(out BpeVocabulary vocabulary)
    {
        var writer = new ExampleTrajectoryWriter(World, new BaseBehaviour(),
            query => [$"\"{query}\"\n{query} was born in Nowhere."]);
        var random = new Random(1);
        vocabulary = DemoTokenizerRecipe.Train(
            Enumerable.Range(0, 500).Select(_ => writer.Next(random).Text), World.NameParts, vocabularySize: 700);
        vocabulary.Save(_folder, modelMaxLength: 1024);
        return HfTokenizer.Load(_folder);
    }

    [Fact]
    public void The_real_loader_reads_the_trained_tokenizer_and_round_trips_a_trajectory()
    {
        HfTokenizer tokenizer = TrainAndLoad(out BpeVocabulary vocabulary);
        WorldQuestion question = QuestionGenerator.AllQuestions(World, WorldPartition.Test)[0];
        string text = PromptTemplates.SearchR1(question.Question) + $"<think> I should search for {question.Hops[0].Query}. </think>\n";

        int[] ids = tokenizer.Encode(text);

        Assert.Equal(text, tokenizer.Decode(ids));
        Assert.All(ids, id => Assert.InRange(id, 0, vocabulary.Size - 1));
        Assert.Contains(vocabulary.EndOfTextId, tokenizer.EosTokenIds);
        Assert.Equal(vocabulary.EndOfTextId, tokenizer.PadTokenId);
        Assert.False(tokenizer.HasChatTemplate);
    }

    [Fact]
    public void Every_name_is_its_stem_token_then_its_suffix_token_held_out_names_too()
    {
        HfTokenizer tokenizer = TrainAndLoad(out _);

        Assert.Single(tokenizer.Encode(" search"));
        Assert.Single(tokenizer.Encode(" born"));
        foreach (string word in World.InventedWords)
        {
            string stem = word[..NameParts.StemLength];
            int[] expected = word.Length == 4
                ? tokenizer.Encode(" " + stem)
                : [.. tokenizer.Encode(" " + stem), .. tokenizer.Encode(word[NameParts.StemLength..])];
            Assert.Single(tokenizer.Encode(" " + stem));
            Assert.True(word.Length == NameParts.StemLength || tokenizer.Encode(word[NameParts.StemLength..]).Length == 1, word);
            Assert.Equal(expected, tokenizer.Encode(" " + word));
        }
        // Held-out people are made of the same tokens as pretraining people: only the combination is new.
        var pretrainingTokens = World.PeopleIn(WorldPartition.Pretraining).SelectMany(p => tokenizer.Encode(" " + p.Name)).ToHashSet();
        Person heldOut = World.PeopleIn(WorldPartition.Test).First(p => tokenizer.Encode(" " + p.Name).All(pretrainingTokens.Contains));
        Assert.DoesNotContain(World.PeopleIn(WorldPartition.Pretraining), p => p.Name == heldOut.Name);
    }
}

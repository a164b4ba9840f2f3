using System.Text.Json;
using SearchR1.Demo.Tokenizer;
using SearchR1.TestSupport;

namespace SearchR1.Demo.Tests.Tokenizer;

public class ByteLevelBpeTrainerTests
{
    [Fact]
    public void The_pre_tokenizer_keeps_leading_spaces_and_splits_digits_like_qwen2()
    {
        string[] pieces = ByteLevelBpeTrainer.PreTokenize("Born in 1987, <search> Karo </search>\n").ToArray();

        Assert.Equal(["Born", " in", " ", "1", "9", "8", "7", ",", " <", "search", ">", " Karo", " </", "search", ">\n"], pieces);
    }

    [Fact]
    public void Merges_come_in_order_of_pair_frequency()
    {
        var counts = new Dictionary<string, long> { ["abab"] = 5, ["ab"] = 3, ["cd"] = 2 };

        BpeVocabulary vocabulary = ByteLevelBpeTrainer.Train(counts, vocabularySize: 300);

        // (a,b) occurs 2*5+3 = 13 times, then (ab,ab) 5 times, then (c,d) twice.
        Assert.Equal([("a", "b"), ("ab", "ab"), ("c", "d")], vocabulary.Merges);
        Assert.Equal(256 + 3, vocabulary.Tokens.Count);
        Assert.Equal("abab", vocabulary.Tokens[^2]);
    }

    [Fact]
    public void Training_stops_at_the_vocabulary_size_and_at_rare_pairs()
    {
        var counts = new Dictionary<string, long> { [" hello"] = 10, [" world"] = 1 };

        Assert.Equal(258, ByteLevelBpeTrainer.Train(counts, vocabularySize: 258).Tokens.Count);
        // Only the pairs of " hello" occur twice or more: 5 merges make "Ġhello", then nothing is frequent enough.
        BpeVocabulary all = ByteLevelBpeTrainer.Train(counts, vocabularySize: 10_000);
        Assert.Equal(5, all.Merges.Count);
        Assert.Equal("Ġhello", all.Tokens[^1]);
    }

    [Fact]
    public void The_byte_alphabet_maps_space_and_newline_to_gpt2_characters()
    {
        Assert.Equal("ĠaĊ", ByteLevelAlphabet.Encode(" a\n"));
        Assert.Equal(256, ByteLevelAlphabet.Characters.Distinct().Count());
        Assert.Equal('!', ByteLevelAlphabet.Characters[0]);
    }

    [Fact]
    public void Save_writes_a_qwen2_tokenizer_folder()
    {
        using var temp = new TemporaryFolder("bpe");
        string folder = temp.Path;
        var counts = new Dictionary<string, long> { [" hello"] = 10, ["\n"] = 3 };
        BpeVocabulary vocabulary = ByteLevelBpeTrainer.Train(counts, vocabularySize: 300);

        vocabulary.Save(folder, modelMaxLength: 1024);

        using JsonDocument vocab = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "vocab.json")));
        Assert.Equal(vocabulary.Size, vocab.RootElement.EnumerateObject().Count());
        Assert.Equal(vocabulary.EndOfTextId, vocab.RootElement.GetProperty("<|endoftext|>").GetInt32());
        Assert.Equal(0, vocab.RootElement.GetProperty("!").GetInt32());
        string[] merges = File.ReadAllLines(Path.Combine(folder, "merges.txt"));
        Assert.Equal("#version: 0.2", merges[0]);
        // All pairs of " hello" tie (10 each); ties go to the smaller text, and 'Ġ' sorts after ASCII.
        Assert.Equal("e l", merges[1]);
        using JsonDocument config = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "tokenizer_config.json")));
        Assert.Equal("<|endoftext|>", config.RootElement.GetProperty("eos_token").GetString());
        Assert.Equal("<|endoftext|>", config.RootElement.GetProperty("pad_token").GetString());
        Assert.Equal("Qwen2Tokenizer", config.RootElement.GetProperty("tokenizer_class").GetString());
        Assert.False(config.RootElement.TryGetProperty("chat_template", out _));
    }

    [Fact]
    public void Initial_merges_come_first_and_cut_the_words_before_any_merge_is_learned()
    {
        // "ab" is set first; learning then sees " abab" as Ġ ab ab and merges whole "ab" pieces, never "b"+"a".
        var counts = new Dictionary<string, long> { [" abab"] = 10, ["ba"] = 3 };

        BpeVocabulary vocabulary = ByteLevelBpeTrainer.Train(counts, vocabularySize: 260, initialMerges: [("a", "b")]);

        Assert.Equal(("a", "b"), vocabulary.Merges[0]);
        Assert.Equal(("ab", "ab"), vocabulary.Merges[1]);
        Assert.DoesNotContain(("b", "a"), vocabulary.Merges.Take(3));
        Assert.Equal(vocabulary.Tokens.Count, vocabulary.Tokens.Distinct().Count());
        Assert.Equal(["abab"], ByteLevelBpeTrainer.Apply(["a", "b", "a", "b"], ByteLevelBpeTrainer.Ranks(vocabulary.Merges)));
    }

    [Fact]
    public void An_initial_merge_of_a_symbol_nothing_makes_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ByteLevelBpeTrainer.Train(new Dictionary<string, long>(), 300, initialMerges: [("ab", "c")]));
        Assert.Contains("'ab c'", error.Message);
    }
}

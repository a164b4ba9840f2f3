using SearchR1.Modeling.Tokenization;

namespace SearchR1.Modeling.Tests.Tokenization;

public sealed class HfTokenizerTests
{
    private static readonly (string, string)[] HelloMerges = [("h", "e"), ("l", "l"), ("he", "ll"), ("Ġ", "w"), ("o", "r")];
    private static readonly string[] Specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"];

    [Fact]
    public void A_vocabulary_of_the_256_byte_symbols_with_no_merges_encodes_each_byte_as_a_token()
    {
        using var folder = new TinyTokenizerFolder([], Specials, eos: "<|endoftext|>");
        HfTokenizer tokenizer = HfTokenizer.Load(folder.Path);

        Assert.Equal([104, 105, 32, 0xC3, 0xA9], tokenizer.Encode("hi é"));
        Assert.Equal(259, tokenizer.VocabularySize);
        Assert.Equal("hi é", tokenizer.Decode(tokenizer.Encode("hi é")));
    }

    [Fact]
    public void Merges_apply_in_priority_order_within_each_pre_token()
    {
        using var folder = new TinyTokenizerFolder(HelloMerges, Specials, eos: "<|endoftext|>");
        HfTokenizer tokenizer = HfTokenizer.Load(folder.Path);
        int he = tokenizer.TokenToId("he")!.Value, hell = tokenizer.TokenToId("hell")!.Value;
        int gw = tokenizer.TokenToId("Ġw")!.Value, or = tokenizer.TokenToId("or")!.Value;

        // "hello" → he l l o → he ll o → hell o; " world" → Ġw or l d.
        Assert.Equal([hell, 'o', gw, or, 'l', 'd'], tokenizer.Encode("hello world"));
        Assert.Equal([he, 'y'], tokenizer.Encode("hey"));
        Assert.Equal(256, he);
    }

    [Fact]
    public void Special_tokens_written_in_the_text_become_single_ids()
    {
        using var folder = new TinyTokenizerFolder(HelloMerges, Specials, eos: "<|im_end|>");
        HfTokenizer tokenizer = HfTokenizer.Load(folder.Path);
        int start = tokenizer.TokenToId("<|im_start|>")!.Value, end = tokenizer.TokenToId("<|im_end|>")!.Value;

        int[] ids = tokenizer.Encode("<|im_start|>hey<|im_end|>\n<|im_end");

        Assert.Equal(start, ids[0]);
        Assert.Equal(end, ids[3]);
        Assert.Equal(tokenizer.Encode("<|im_end"), ids[5..]);
        Assert.Equal("<|im_start|>hey<|im_end|>\n<|im_end", tokenizer.Decode(ids));
        Assert.Equal("hey\n<|im_end", tokenizer.Decode(ids, skipSpecialTokens: true));
        Assert.True(tokenizer.IsSpecial(end));
    }

    [Fact]
    public void Pad_is_eos_when_the_folder_names_no_pad_token()
    {
        using var folder = new TinyTokenizerFolder([], Specials, eos: "<|im_end|>");
        HfTokenizer tokenizer = HfTokenizer.Load(folder.Path);

        Assert.Equal(tokenizer.TokenToId("<|im_end|>"), tokenizer.PadTokenId);
        Assert.Equal([tokenizer.PadTokenId], tokenizer.EosTokenIds);
        Assert.Null(tokenizer.BosTokenId);

        using var padded = new TinyTokenizerFolder([], Specials, eos: "<|im_end|>", pad: "<|endoftext|>");
        Assert.Equal(256, HfTokenizer.Load(padded.Path).PadTokenId);
    }

    [Theory]
    [InlineData("plain ascii text, with punctuation!")]
    [InlineData("  leading and trailing spaces  ")]
    [InlineData("lines\n\n\tand tabs\r\n")]
    [InlineData("日本語のテキスト 🙂🦙 emoji")]
    [InlineData("Fu\u0308hrer (decomposed) and Führer")]
    [InlineData("numbers 1234567 and 3.14")]
    public void Decoding_an_encoding_gives_back_the_NFC_text(string text)
    {
        using var folder = new TinyTokenizerFolder(HelloMerges, Specials, eos: "<|endoftext|>");
        HfTokenizer tokenizer = HfTokenizer.Load(folder.Path);

        Assert.Equal(UnicodeNfc.Normalize(text), tokenizer.Decode(tokenizer.Encode(text)));
    }

    [Fact]
    public void Decoding_a_cut_multibyte_character_gives_a_replacement_character()
    {
        using var folder = new TinyTokenizerFolder([], Specials, eos: "<|endoftext|>");
        HfTokenizer tokenizer = HfTokenizer.Load(folder.Path);
        int[] ids = tokenizer.Encode("é!");

        Assert.Equal("\uFFFD!", tokenizer.Decode([ids[0], ids[2]]));
    }

    [Fact]
    public void A_saved_folder_loads_back_as_the_same_tokenizer_in_both_file_forms()
    {
        using var folder = new TinyTokenizerFolder(HelloMerges, Specials, eos: "<|im_end|>", chatTemplate: "{% for m in messages %}{{ m.content }}{% endfor %}");
        HfTokenizer original = HfTokenizer.Load(folder.Path);
        string saved = Path.Combine(folder.Path, "saved");
        original.Save(saved);

        // The source files are carried over, and a tokenizer.json is generated for fast loading; each form loads
        // on its own (tokenizer.json first, then vocab.json + merges.txt).
        Assert.True(File.Exists(Path.Combine(saved, "vocab.json")));
        Assert.True(File.Exists(Path.Combine(saved, "tokenizer.json")));
        HfTokenizer fromJson = HfTokenizer.Load(saved);
        File.Delete(Path.Combine(saved, "tokenizer.json"));
        HfTokenizer fromVocab = HfTokenizer.Load(saved);

        string text = "<|im_start|>hello world, Fu\u0308hrer 🙂 12345<|im_end|>";
        foreach (HfTokenizer copy in new[] { fromVocab, fromJson })
        {
            Assert.Equal(original.Encode(text), copy.Encode(text));
            Assert.Equal(original.VocabularySize, copy.VocabularySize);
            Assert.Equal(original.EosTokenIds, copy.EosTokenIds);
            Assert.Equal(original.PadTokenId, copy.PadTokenId);
            Assert.Equal(original.AddedTokens, copy.AddedTokens);
            Assert.Equal("ab", copy.ApplyChatTemplate([new("user", "a"), new("assistant", "b")], addGenerationPrompt: false));
        }
    }

    [Fact]
    public void A_folder_without_tokenizer_files_is_refused_with_its_name()
    {
        string empty = Path.Combine(Path.GetTempPath(), "searchr1-empty-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(empty);
        try
        {
            var error = Assert.Throws<FileNotFoundException>(() => HfTokenizer.Load(empty));
            Assert.Contains(empty, error.Message);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void A_bad_merges_line_is_reported_with_file_and_line()
    {
        using var folder = new TinyTokenizerFolder(HelloMerges, Specials, eos: "<|endoftext|>");
        File.AppendAllText(Path.Combine(folder.Path, "merges.txt"), "a b c\n");

        var error = Assert.Throws<InvalidDataException>(() => HfTokenizer.Load(folder.Path));
        Assert.Contains("merges.txt, line 7", error.Message);
    }
}

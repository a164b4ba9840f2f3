using System.Text.Json.Nodes;
using SearchR1.Modeling.Tokenization;
using SearchR1.TestSupport;

namespace SearchR1.Modeling.Tests.Tokenization;

/// <summary>Exactness against transformers / tiktoken ids and llama.cpp's tokenizer vectors.</summary>
[Conformance]
public sealed class HfTokenizerConformanceTests
{
    public static TheoryData<string> Forms() => new(SharedTokenizers.Forms);

    [ConformanceTheory]
    [MemberData(nameof(Forms))]
    public void Every_reference_row_encodes_to_the_transformers_ids(string form)
    {
        HfTokenizer tokenizer = SharedTokenizers.Get(form);
        string family = SharedTokenizers.Family(form);
        var failures = new List<string>();
        int rows = 0;
        foreach (string line in ReferenceLines("reference-hf-*.jsonl"))
        {
            JsonNode row = JsonNode.Parse(line)!;
            if (row[family] is not JsonArray ids)
            {
                continue;
            }
            string text = row["text"]!.GetValue<string>();
            int[] expected = ids.Select(n => n!.GetValue<int>()).ToArray();
            int[] actual = tokenizer.Encode(text);
            rows++;
            if (!expected.SequenceEqual(actual))
            {
                failures.Add($"{Escape(text)}: expected [{string.Join(",", expected)}], got [{string.Join(",", actual)}]");
            }
        }
        Assert.True(rows >= 113, $"only {rows} reference rows found");
        Assert.True(failures.Count == 0, $"{failures.Count}/{rows} rows differ:\n" + string.Join("\n", failures.Take(20)));
    }

    [ConformanceTheory]
    [MemberData(nameof(Forms))]
    public void Every_llamacpp_vector_encodes_to_its_ids(string form)
    {
        HfTokenizer tokenizer = SharedTokenizers.Get(form);
        string folder = SharedTokenizers.Folder(SharedTokenizers.Family(form));
        string input = File.ReadAllText(Path.Combine(folder, "llamacpp-test.inp"));
        string[] texts = input.Split("\n__ggml_vocab_test__\n");
        string[] outputs = File.ReadAllText(Path.Combine(folder, "llamacpp-test.out")).Split('\n');
        Assert.Equal("", texts[^1]);
        var failures = new List<string>();
        for (int i = 0; i < texts.Length - 1; i++)
        {
            int[] expected = outputs[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
            int[] actual = tokenizer.Encode(texts[i]);
            if (!expected.SequenceEqual(actual))
            {
                failures.Add($"#{i} {Escape(texts[i])}: expected [{string.Join(",", expected)}], got [{string.Join(",", actual)}]");
            }
        }
        Assert.True(texts.Length - 1 >= 46, $"only {texts.Length - 1} llama.cpp vectors found");
        Assert.True(failures.Count == 0, $"{failures.Count} vectors differ:\n" + string.Join("\n", failures.Take(20)));
    }

    [ConformanceTheory]
    [MemberData(nameof(Forms))]
    public void Decoding_the_reference_ids_gives_back_the_text(string form)
    {
        HfTokenizer tokenizer = SharedTokenizers.Get(form);
        string family = SharedTokenizers.Family(form);
        foreach (string line in ReferenceLines("reference-hf-*.jsonl"))
        {
            JsonNode row = JsonNode.Parse(line)!;
            if (row[family] is not JsonArray idArray)
            {
                continue;
            }
            string text = row["text"]!.GetValue<string>();
            int[] ids = idArray.Select(n => n!.GetValue<int>()).ToArray();
            string decoded = tokenizer.Decode(ids);
            // Llama 3's config asks for transformers' clean_up_tokenization (" ," → ","), Qwen2's does not.
            string expected = tokenizer.CleanUpTokenizationSpaces ? HfTokenizer.CleanUpTokenization(text) : text;
            if (family == "qwen2")
            {
                expected = UnicodeNfc.Normalize(expected);
            }
            Assert.Equal(expected, decoded);
        }
    }

    [ConformanceTheory]
    [MemberData(nameof(Forms))]
    public void Special_tokens_and_sizes_are_those_of_the_folder(string form)
    {
        HfTokenizer tokenizer = SharedTokenizers.Get(form);
        if (SharedTokenizers.Family(form) == "qwen2")
        {
            Assert.Equal(151646, tokenizer.VocabularySize);
            Assert.Equal([151643], tokenizer.EosTokenIds);
            Assert.Equal(151643, tokenizer.PadTokenId);
            Assert.Null(tokenizer.BosTokenId);
            Assert.Equal([151644, 9707, 151645], tokenizer.Encode("<|im_start|>Hello<|im_end|>"));
            Assert.Equal("Hello", tokenizer.Decode([151644, 9707, 151645], skipSpecialTokens: true));
            Assert.Equal("ĠHello", tokenizer.IdToToken(21927));
            Assert.Equal(21927, tokenizer.TokenToId("ĠHello"));
        }
        else
        {
            Assert.Equal(128256, tokenizer.VocabularySize);
            Assert.Equal([128009], tokenizer.EosTokenIds);
            Assert.Equal(128009, tokenizer.PadTokenId);
            Assert.Equal(128000, tokenizer.BosTokenId);
            Assert.Equal([128000, 9906, 128009], tokenizer.Encode("<|begin_of_text|>Hello<|eot_id|>"));
            Assert.Equal("<|reserved_special_token_247|>", tokenizer.IdToToken(128255));
        }
        Assert.True(tokenizer.HasChatTemplate);
    }

    /// <summary>Every line of the reference files matching <paramref name="pattern"/> (the dev file and any others placed beside it).</summary>
    internal static IEnumerable<string> ReferenceLines(string pattern) =>
        Directory.GetFiles(SharedData.Path("data/tokenizers"), pattern).Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Where(line => !string.IsNullOrWhiteSpace(line));

    private static string Escape(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}

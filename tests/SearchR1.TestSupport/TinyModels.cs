using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SearchR1.TestSupport;

/// <summary>
/// Writes the files of tiny Hugging Face model folders that the real loaders read: a Qwen2-style byte-level BPE
/// tokenizer (the 256 GPT-2 byte symbols, optional merges, the Qwen special tokens, optionally the ChatML
/// template) and a tiny Qwen2 <c>config.json</c>. Files only: weights are made by the model code under test
/// (random initialisation, then its own save).
/// </summary>
public static class TinyModels
{
    /// <summary>The Qwen special tokens, in id order after the byte symbols and merges.</summary>
    public static readonly string[] SpecialTokens = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"];

    /// <summary>Pre-tokenizer regex of Qwen2 (and GPT-4o-like tokenizers).</summary>
    public const string Qwen2PreTokenizerRegex =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>Qwen2's ChatML chat template (a user turn gets the default system prompt first).</summary>
    public const string ChatMlTemplate =
        "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}"
        + "{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
        + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /// <summary>A new empty folder under the temp folder (callers delete it).</summary>
    public static string TemporaryFolder(string prefix)
    {
        string path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>GPT-2's reversible byte → printable character map.</summary>
    public static IReadOnlyList<char> ByteSymbols { get; } = BuildByteSymbols();

    /// <summary>The byte-level symbol string of a text (what vocab.json and merges.txt hold).</summary>
    public static string ToByteSymbols(string text) =>
        new(Encoding.UTF8.GetBytes(text).Select(b => ByteSymbols[b]).ToArray());

    /// <summary>
    /// Writes vocab.json, merges.txt, tokenizer.json, tokenizer_config.json and special_tokens_map.json.
    /// <paramref name="words"/> are turned into single tokens by left-to-right merges (each must lie within one
    /// pre-token, e.g. "answer", " Paris", "</"); ids: bytes 0–255 (id = byte value), then one per merge, then
    /// <see cref="SpecialTokens"/>. eos = pad = &lt;|endoftext|&gt; (Qwen2.5 base); with a chat template, eos = &lt;|im_end|&gt;.
    /// Returns the vocabulary size (including special tokens).
    /// </summary>
    public static int WriteQwen2Tokenizer(string folder, bool withChatTemplate = false, IEnumerable<string>? words = null)
    {
        Directory.CreateDirectory(folder);
        var vocab = new List<string>(ByteSymbols.Select(c => c.ToString()));
        var known = new HashSet<string>(vocab);
        var merges = new List<string>();
        foreach (string word in words ?? [])
        {
            string symbols = ToByteSymbols(word);
            string current = symbols[..1];
            for (int i = 1; i < symbols.Length; i++)
            {
                string next = current + symbols[i];
                if (known.Add(next))
                {
                    merges.Add($"{current} {symbols[i]}");
                    vocab.Add(next);
                }
                current = next;
            }
        }
        int firstSpecial = vocab.Count;

        var vocabJson = new JsonObject();
        for (int i = 0; i < vocab.Count; i++)
        {
            vocabJson[vocab[i]] = i;
        }
        var addedTokens = new JsonArray();
        var addedDecoder = new JsonObject();
        for (int i = 0; i < SpecialTokens.Length; i++)
        {
            addedTokens.Add(new JsonObject
            {
                ["id"] = firstSpecial + i, ["content"] = SpecialTokens[i], ["single_word"] = false, ["lstrip"] = false,
                ["rstrip"] = false, ["normalized"] = false, ["special"] = true,
            });
            addedDecoder[(firstSpecial + i).ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["content"] = SpecialTokens[i], ["lstrip"] = false, ["normalized"] = false, ["rstrip"] = false,
                ["single_word"] = false, ["special"] = true,
            };
        }

        var tokenizer = new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = addedTokens,
            ["normalizer"] = new JsonObject { ["type"] = "NFC" },
            ["pre_tokenizer"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["pretokenizers"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "Split", ["pattern"] = new JsonObject { ["Regex"] = Qwen2PreTokenizerRegex },
                        ["behavior"] = "Isolated", ["invert"] = false,
                    },
                    new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = false, ["use_regex"] = false }),
            },
            ["post_processor"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = false, ["use_regex"] = false },
            ["decoder"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = false, ["use_regex"] = false },
            ["model"] = new JsonObject
            {
                ["type"] = "BPE", ["dropout"] = null, ["unk_token"] = null, ["continuing_subword_prefix"] = "",
                ["end_of_word_suffix"] = "", ["fuse_unk"] = false, ["byte_fallback"] = false, ["ignore_merges"] = false,
                ["vocab"] = vocabJson.DeepClone(),
                ["merges"] = new JsonArray(merges.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
            },
        };

        string eos = withChatTemplate ? "<|im_end|>" : "<|endoftext|>";
        var config = new JsonObject
        {
            ["add_prefix_space"] = false,
            ["added_tokens_decoder"] = addedDecoder,
            ["additional_special_tokens"] = new JsonArray("<|im_start|>", "<|im_end|>"),
            ["bos_token"] = null,
            ["clean_up_tokenization_spaces"] = false,
            ["eos_token"] = eos,
            ["errors"] = "replace",
            ["model_max_length"] = 32768,
            ["pad_token"] = "<|endoftext|>",
            ["split_special_tokens"] = false,
            ["tokenizer_class"] = "Qwen2Tokenizer",
            ["unk_token"] = null,
        };
        if (withChatTemplate)
        {
            config["chat_template"] = ChatMlTemplate;
        }
        var specialMap = new JsonObject
        {
            ["additional_special_tokens"] = new JsonArray("<|im_start|>", "<|im_end|>"),
            ["eos_token"] = eos,
            ["pad_token"] = "<|endoftext|>",
        };

        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        File.WriteAllText(Path.Combine(folder, "vocab.json"), vocabJson.ToJsonString(options));
        File.WriteAllText(Path.Combine(folder, "merges.txt"), "#version: 0.2\n" + string.Concat(merges.Select(m => m + "\n")));
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), tokenizer.ToJsonString(options));
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), config.ToJsonString(options));
        File.WriteAllText(Path.Combine(folder, "special_tokens_map.json"), specialMap.ToJsonString(options));
        return firstSpecial + SpecialTokens.Length;
    }

    /// <summary>
    /// Writes a tiny Qwen2 config.json (and generation_config.json). vocabSize should cover the tokenizer;
    /// eos = pad = the first special token id when <paramref name="eosTokenId"/> is not given.
    /// </summary>
    public static void WriteQwen2Config(
        string folder, int vocabSize, int hiddenSize = 32, int layers = 2, int heads = 4, int kvHeads = 2,
        int intermediateSize = 64, bool tieWordEmbeddings = true, int maxPositions = 2048, int? eosTokenId = null)
    {
        Directory.CreateDirectory(folder);
        int eos = eosTokenId ?? vocabSize - SpecialTokens.Length;
        var config = new JsonObject
        {
            ["architectures"] = new JsonArray("Qwen2ForCausalLM"),
            ["attention_dropout"] = 0.0,
            ["bos_token_id"] = eos,
            ["eos_token_id"] = eos,
            ["hidden_act"] = "silu",
            ["hidden_size"] = hiddenSize,
            ["initializer_range"] = 0.02,
            ["intermediate_size"] = intermediateSize,
            ["max_position_embeddings"] = maxPositions,
            ["max_window_layers"] = layers,
            ["model_type"] = "qwen2",
            ["num_attention_heads"] = heads,
            ["num_hidden_layers"] = layers,
            ["num_key_value_heads"] = kvHeads,
            ["rms_norm_eps"] = 1e-6,
            ["rope_theta"] = 1000000.0,
            ["sliding_window"] = maxPositions,
            ["tie_word_embeddings"] = tieWordEmbeddings,
            ["torch_dtype"] = "float32",
            ["use_cache"] = true,
            ["use_sliding_window"] = false,
            ["vocab_size"] = vocabSize,
        };
        var generation = new JsonObject { ["bos_token_id"] = eos, ["eos_token_id"] = eos, ["do_sample"] = false };
        var options = new JsonSerializerOptions { WriteIndented = true };
        File.WriteAllText(Path.Combine(folder, "config.json"), config.ToJsonString(options));
        File.WriteAllText(Path.Combine(folder, "generation_config.json"), generation.ToJsonString(options));
    }

    /// <summary>
    /// A tokenizer plus a matching config in one folder (no weights yet). Returns the vocabulary size written to
    /// config.json (the tokenizer's size, as Qwen pads its embeddings further only for GPU efficiency).
    /// </summary>
    public static int WriteQwen2Folder(string folder, bool withChatTemplate = false, IEnumerable<string>? words = null,
        int hiddenSize = 32, int layers = 2, int heads = 4, int kvHeads = 2, int intermediateSize = 64)
    {
        int vocabSize = WriteQwen2Tokenizer(folder, withChatTemplate, words);
        int eos = vocabSize - SpecialTokens.Length + (withChatTemplate ? 2 : 0);
        WriteQwen2Config(folder, vocabSize, hiddenSize, layers, heads, kvHeads, intermediateSize, eosTokenId: eos);
        return vocabSize;
    }

    private static char[] BuildByteSymbols()
    {
        var printable = new List<int>();
        for (int b = '!'; b <= '~'; b++)
        {
            printable.Add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++)
        {
            printable.Add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++)
        {
            printable.Add(b);
        }
        var map = new char[256];
        int extra = 0;
        for (int b = 0; b < 256; b++)
        {
            map[b] = printable.Contains(b) ? (char)b : (char)(256 + extra++);
        }
        return map;
    }
}

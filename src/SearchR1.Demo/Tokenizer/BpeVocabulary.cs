using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SearchR1.Demo.Tokenizer;

/// <summary>
/// A trained byte-level BPE: tokens in id order and merges in rank order, written as a Hugging Face Qwen2
/// tokenizer folder (vocab.json, merges.txt, tokenizer_config.json, and the same as tokenizer.json) with <c>&lt;|endoftext|&gt;</c> as the one
/// special token (end of text and padding, as in Qwen2.5 base checkpoints) and no chat template, so prompts are
/// the raw Search-R1 template text (SPEC §1.1).
/// </summary>
public sealed class BpeVocabulary
{
    public const string EndOfText = "<|endoftext|>";

    public BpeVocabulary(IReadOnlyList<string> tokens, IReadOnlyList<(string Left, string Right)> merges)
    {
        Tokens = tokens;
        Merges = merges;
    }

    /// <summary>Regular tokens in id order (byte symbols first); the special token comes after them.</summary>
    public IReadOnlyList<string> Tokens { get; }

    public IReadOnlyList<(string Left, string Right)> Merges { get; }

    public int EndOfTextId => Tokens.Count;

    /// <summary>Regular tokens plus the special token.</summary>
    public int Size => Tokens.Count + 1;

    /// <summary>Writes the folder atomically (built beside it, then renamed into place).</summary>
    public void Save(string folder, int modelMaxLength)
    {
        string full = Path.GetFullPath(folder);
        string temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(temp);

        var vocab = new JsonObject();
        for (int id = 0; id < Tokens.Count; id++)
        {
            vocab[Tokens[id]] = id;
        }
        vocab[EndOfText] = EndOfTextId;
        var options = new JsonSerializerOptions { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        File.WriteAllText(Path.Combine(temp, "vocab.json"), vocab.ToJsonString(options), new UTF8Encoding(false));

        var merges = new StringBuilder("#version: 0.2\n");
        foreach (var (left, right) in Merges)
        {
            merges.Append(left).Append(' ').Append(right).Append('\n');
        }
        File.WriteAllText(Path.Combine(temp, "merges.txt"), merges.ToString(), new UTF8Encoding(false));

        File.WriteAllText(Path.Combine(temp, "tokenizer.json"), TokenizerJson(vocab).ToJsonString(options), new UTF8Encoding(false));

        var config = new JsonObject
        {
            ["add_prefix_space"] = false,
            ["added_tokens_decoder"] = new JsonObject
            {
                [EndOfTextId.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
                {
                    ["content"] = EndOfText,
                    ["lstrip"] = false,
                    ["normalized"] = false,
                    ["rstrip"] = false,
                    ["single_word"] = false,
                    ["special"] = true,
                },
            },
            ["additional_special_tokens"] = new JsonArray(),
            ["bos_token"] = null,
            ["clean_up_tokenization_spaces"] = false,
            ["eos_token"] = EndOfText,
            ["errors"] = "replace",
            ["model_max_length"] = modelMaxLength,
            ["pad_token"] = EndOfText,
            ["split_special_tokens"] = false,
            ["tokenizer_class"] = "Qwen2Tokenizer",
            ["unk_token"] = null,
        };
        File.WriteAllText(
            Path.Combine(temp, "tokenizer_config.json"),
            config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }),
            new UTF8Encoding(false));

        var specialTokensMap = new JsonObject { ["eos_token"] = EndOfText, ["pad_token"] = EndOfText };
        File.WriteAllText(Path.Combine(temp, "special_tokens_map.json"), specialTokensMap.ToJsonString(), new UTF8Encoding(false));

        if (Directory.Exists(full))
        {
            // Keep the other files of a model folder (config, weights): replace only the tokenizer files.
            foreach (string file in Directory.GetFiles(temp))
            {
                File.Move(file, Path.Combine(full, Path.GetFileName(file)), overwrite: true);
            }
            Directory.Delete(temp);
        }
        else
        {
            Directory.Move(temp, full);
        }
    }

    /// <summary>The same tokenizer as a Hugging Face tokenizer.json (fast tokenizers read this file first).</summary>
    private JsonObject TokenizerJson(JsonObject vocab)
    {
        static JsonObject ByteLevel() => new()
        {
            ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = false, ["use_regex"] = false,
        };
        return new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = new JsonArray(new JsonObject
            {
                ["id"] = EndOfTextId, ["content"] = EndOfText, ["single_word"] = false, ["lstrip"] = false,
                ["rstrip"] = false, ["normalized"] = false, ["special"] = true,
            }),
            ["normalizer"] = new JsonObject { ["type"] = "NFC" },
            ["pre_tokenizer"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["pretokenizers"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "Split",
                        ["pattern"] = new JsonObject { ["Regex"] = ByteLevelBpeTrainer.PreTokenizerPattern },
                        ["behavior"] = "Isolated",
                        ["invert"] = false,
                    },
                    ByteLevel()),
            },
            ["post_processor"] = ByteLevel(),
            ["decoder"] = ByteLevel(),
            ["model"] = new JsonObject
            {
                ["type"] = "BPE", ["dropout"] = null, ["unk_token"] = null, ["continuing_subword_prefix"] = "",
                ["end_of_word_suffix"] = "", ["fuse_unk"] = false, ["byte_fallback"] = false, ["ignore_merges"] = false,
                ["vocab"] = vocab.DeepClone(),
                ["merges"] = new JsonArray(Merges.Select(m => (JsonNode?)JsonValue.Create($"{m.Left} {m.Right}")).ToArray()),
            },
        };
    }
}

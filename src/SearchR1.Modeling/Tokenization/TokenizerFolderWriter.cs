using System.Text.Json;
using System.Text.Json.Nodes;

namespace SearchR1.Modeling.Tokenization;

/// <summary>
/// Writes a tokenizer folder that transformers loads as the same tokenizer: the files the tokenizer was read
/// from, byte for byte, and a generated tokenizer.json / tokenizer_config.json where the source had none (so
/// that a folder built from vocab.json + merges.txt also loads as a fast tokenizer).
/// </summary>
internal static class TokenizerFolderWriter
{
    public static void Write(HfTokenizer tokenizer, TokenizerParts parts, string folder)
    {
        Directory.CreateDirectory(folder);
        bool sameFolder = string.Equals(Path.GetFullPath(parts.SourceFolder).TrimEnd('/'), Path.GetFullPath(folder).TrimEnd('/'), StringComparison.Ordinal);
        foreach (string name in TokenizerFiles.Carried)
        {
            string source = Path.Combine(parts.SourceFolder, name);
            if (!sameFolder && File.Exists(source))
            {
                string target = Path.Combine(folder, name);
                string temp = target + ".tmp";
                File.Copy(source, temp, overwrite: true);
                File.Move(temp, target, overwrite: true);
            }
        }

        string tokenizerJson = Path.Combine(folder, TokenizerFiles.TokenizerJson);
        if (!File.Exists(tokenizerJson) && tokenizer.Model.Kind == BpeEngine.MergeList)
        {
            WriteAtomically(tokenizerJson, BuildTokenizerJson(tokenizer).ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        }
        string config = Path.Combine(folder, TokenizerFiles.Config);
        if (!File.Exists(config))
        {
            WriteAtomically(config, BuildConfig(tokenizer).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
    }

    private static void WriteAtomically(string path, string content)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
    }

    private static JsonObject AddedTokenJson(AddedToken token, bool withId)
    {
        var json = new JsonObject();
        if (withId)
        {
            json["id"] = token.Id;
        }
        json["content"] = token.Content;
        json["single_word"] = token.SingleWord;
        json["lstrip"] = token.LStrip;
        json["rstrip"] = token.RStrip;
        json["normalized"] = token.Normalized;
        json["special"] = token.Special;
        return json;
    }

    /// <summary>A tokenizer.json in the form transformers 5 writes for Qwen2 (byte-level BPE, Split regex, ByteLevel).</summary>
    private static JsonObject BuildTokenizerJson(HfTokenizer tokenizer)
    {
        ByteLevelModel model = tokenizer.Model;
        var vocab = new JsonObject();
        foreach ((string token, int id) in model.Vocabulary.OrderBy(kv => kv.Value))
        {
            vocab[token] = id;
        }
        var merges = new JsonArray();
        foreach ((string left, string right) in model.Merges)
        {
            merges.Add(new JsonArray(left, right));
        }
        var byteLevel = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = false, ["use_regex"] = false };
        return new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = new JsonArray(tokenizer.AddedTokens.Select(t => (JsonNode)AddedTokenJson(t, withId: true)).ToArray()),
            ["normalizer"] = model.Nfc ? new JsonObject { ["type"] = "NFC" } : null,
            ["pre_tokenizer"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["pretokenizers"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "Split",
                        ["pattern"] = new JsonObject { ["Regex"] = model.PreTokenizerPattern },
                        ["behavior"] = "Isolated",
                        ["invert"] = false,
                    },
                    byteLevel.DeepClone()),
            },
            ["post_processor"] = byteLevel.DeepClone(),
            ["decoder"] = byteLevel.DeepClone(),
            ["model"] = new JsonObject
            {
                ["type"] = "BPE",
                ["dropout"] = null,
                ["unk_token"] = null,
                ["continuing_subword_prefix"] = null,
                ["end_of_word_suffix"] = null,
                ["fuse_unk"] = false,
                ["byte_fallback"] = false,
                ["ignore_merges"] = false,
                ["vocab"] = vocab,
                ["merges"] = merges,
            },
        };
    }

    private static JsonObject BuildConfig(HfTokenizer tokenizer)
    {
        var decoder = new JsonObject();
        foreach (AddedToken token in tokenizer.AddedTokens)
        {
            decoder[token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = AddedTokenJson(token, withId: false);
        }
        SpecialTokenNames names = tokenizer.SpecialTokens;
        var config = new JsonObject
        {
            ["added_tokens_decoder"] = decoder,
            ["bos_token"] = names.BosToken,
            ["eos_token"] = names.EosToken,
            ["pad_token"] = names.PadToken,
            ["unk_token"] = names.UnkToken,
            ["clean_up_tokenization_spaces"] = tokenizer.CleanUpTokenizationSpaces,
            ["model_max_length"] = 131072,
            ["tokenizer_class"] = "PreTrainedTokenizerFast",
        };
        if (names.AdditionalSpecialTokens.Count > 0)
        {
            config["additional_special_tokens"] = new JsonArray(names.AdditionalSpecialTokens.Select(t => (JsonNode?)t).ToArray());
        }
        if (tokenizer.ChatTemplateSource is not null)
        {
            config["chat_template"] = tokenizer.ChatTemplateSource;
        }
        return config;
    }
}

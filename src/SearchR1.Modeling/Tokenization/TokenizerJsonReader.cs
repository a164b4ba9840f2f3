using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace SearchR1.Modeling.Tokenization;

/// <summary>
/// Reads a Hugging Face <c>tokenizer.json</c> holding a byte-level BPE model (Qwen2, Llama 3, GPT-2 style).
/// Microsoft.ML.Tokenizers has no tokenizer.json loader, so the model, added tokens, normaliser and
/// pre-tokenizer are read here and handed to it.
/// </summary>
internal static class TokenizerJsonReader
{
    /// <summary>GPT-2's pattern, used by a plain <c>ByteLevel</c> pre-tokenizer with <c>use_regex: true</c>.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    public static (ByteLevelModel Model, List<AddedToken> AddedTokens) Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using JsonDocument document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        JsonElement root = document.RootElement;

        JsonElement model = Required(root, "model", path);
        string type = model.TryGetProperty("type", out JsonElement t) ? t.GetString() ?? "" : "BPE";
        if (type != "BPE")
        {
            throw new NotSupportedException($"{path}: model.type is '{type}'; only byte-level BPE (Qwen2, Llama 3) is supported.");
        }

        var vocabulary = new Dictionary<string, int>();
        foreach (JsonProperty entry in Required(model, "vocab", path).EnumerateObject())
        {
            vocabulary[entry.Name] = entry.Value.GetInt32();
        }

        var merges = new List<(string, string)>();
        int index = 0;
        foreach (JsonElement merge in Required(model, "merges", path).EnumerateArray())
        {
            merges.Add(ParseMerge(merge, path, index++));
        }

        bool ignoreMerges = model.TryGetProperty("ignore_merges", out JsonElement im) && im.ValueKind == JsonValueKind.True;
        bool nfc = ReadNormalizer(root, path);
        (PreTokenizer preTokenizer, string pattern) = ReadPreTokenizer(root, path);
        var addedTokens = new List<AddedToken>();
        if (root.TryGetProperty("added_tokens", out JsonElement added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement token in added.EnumerateArray())
            {
                addedTokens.Add(ReadAddedToken(token, token.GetProperty("id").GetInt32()));
            }
        }

        ByteLevelModel byteLevel = ignoreMerges
            ? (MergesFollowRanks(vocabulary, merges)
                ? ByteLevelModel.FromRanks(vocabulary, merges, preTokenizer, pattern, nfc)
                : throw new NotSupportedException($"{path}: model.ignore_merges is true but the merges are not in rank order; only tiktoken-converted vocabularies (Llama 3) are supported with ignore_merges."))
            : ByteLevelModel.FromMerges(vocabulary, merges, preTokenizer, pattern, nfc);
        return (byteLevel, addedTokens);
    }

    /// <summary>An added token as tokenizer.json and tokenizer_config.json's added_tokens_decoder spell it.</summary>
    public static AddedToken ReadAddedToken(JsonElement token, int id)
    {
        static bool Flag(JsonElement e, string name, bool fallback) =>
            e.TryGetProperty(name, out JsonElement v) ? v.ValueKind == JsonValueKind.True : fallback;
        string content = token.GetProperty("content").GetString() ?? "";
        bool special = Flag(token, "special", false);
        return new AddedToken(id, content, special, Flag(token, "lstrip", false), Flag(token, "rstrip", false),
            Flag(token, "single_word", false), Flag(token, "normalized", !special));
    }

    /// <summary>True when each merge's result has an id no smaller than the previous one's (tiktoken rank order).</summary>
    public static bool MergesFollowRanks(Dictionary<string, int> vocabulary, List<(string Left, string Right)> merges)
    {
        int previous = -1;
        foreach ((string left, string right) in merges)
        {
            if (!vocabulary.TryGetValue(left + right, out int id) || id < previous)
            {
                return false;
            }
            previous = id;
        }
        return true;
    }

    private static (string, string) ParseMerge(JsonElement merge, string path, int index)
    {
        if (merge.ValueKind == JsonValueKind.String)
        {
            string text = merge.GetString()!;
            int space = text.IndexOf(' ', 1);
            if (space <= 0)
            {
                throw new InvalidDataException($"{path}: model.merges[{index}] is '{text}'; expected two tokens separated by one space.");
            }
            return (text[..space], text[(space + 1)..]);
        }
        if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2)
        {
            return (merge[0].GetString()!, merge[1].GetString()!);
        }
        throw new InvalidDataException($"{path}: model.merges[{index}]: expected \"a b\" or [\"a\", \"b\"].");
    }

    private static bool ReadNormalizer(JsonElement root, string path)
    {
        if (!root.TryGetProperty("normalizer", out JsonElement normalizer) || normalizer.ValueKind == JsonValueKind.Null)
        {
            return false;
        }
        string type = normalizer.GetProperty("type").GetString() ?? "";
        if (type == "NFC")
        {
            return true;
        }
        if (type == "Sequence")
        {
            bool nfc = false;
            foreach (JsonElement inner in normalizer.GetProperty("normalizers").EnumerateArray())
            {
                string innerType = inner.GetProperty("type").GetString() ?? "";
                if (innerType != "NFC")
                {
                    throw Unsupported(path, "normalizer", innerType);
                }
                nfc = true;
            }
            return nfc;
        }
        throw Unsupported(path, "normalizer", type);
    }

    private static (PreTokenizer, string) ReadPreTokenizer(JsonElement root, string path)
    {
        if (!root.TryGetProperty("pre_tokenizer", out JsonElement pre) || pre.ValueKind == JsonValueKind.Null)
        {
            throw new NotSupportedException($"{path}: pre_tokenizer is missing; a byte-level BPE needs one.");
        }
        string type = pre.GetProperty("type").GetString() ?? "";
        if (type == "ByteLevel")
        {
            RequireNoPrefixSpace(pre, path);
            if (pre.TryGetProperty("use_regex", out JsonElement useRegex) && useRegex.ValueKind == JsonValueKind.False)
            {
                throw new NotSupportedException($"{path}: pre_tokenizer ByteLevel without a regex is not supported.");
            }
            return (PreTokenizerFor(Gpt2Pattern), Gpt2Pattern);
        }
        if (type == "Sequence")
        {
            string? pattern = null;
            foreach (JsonElement inner in pre.GetProperty("pretokenizers").EnumerateArray())
            {
                string innerType = inner.GetProperty("type").GetString() ?? "";
                if (innerType == "Split" && pattern is null)
                {
                    string behavior = inner.TryGetProperty("behavior", out JsonElement b) ? b.GetString() ?? "" : "";
                    bool invert = inner.TryGetProperty("invert", out JsonElement inv) && inv.ValueKind == JsonValueKind.True;
                    if (behavior != "Isolated" || invert || !inner.GetProperty("pattern").TryGetProperty("Regex", out JsonElement regex))
                    {
                        throw Unsupported(path, "pre_tokenizer Split", $"behavior {behavior}, invert {invert}");
                    }
                    pattern = regex.GetString()!;
                }
                else if (innerType == "ByteLevel")
                {
                    RequireNoPrefixSpace(inner, path);
                    if (inner.TryGetProperty("use_regex", out JsonElement useRegex) && useRegex.ValueKind == JsonValueKind.True && pattern is null)
                    {
                        pattern = Gpt2Pattern;
                    }
                }
                else
                {
                    throw Unsupported(path, "pre_tokenizer", innerType);
                }
            }
            if (pattern is null)
            {
                throw new NotSupportedException($"{path}: pre_tokenizer has no Split regex.");
            }
            return (PreTokenizerFor(pattern), pattern);
        }
        throw Unsupported(path, "pre_tokenizer", type);
    }

    /// <summary>The hand-written splitter for the two patterns we know, the .NET regex otherwise.</summary>
    public static PreTokenizer PreTokenizerFor(string pattern) =>
        CodePointPreTokenizer.ForPattern(pattern)
        ?? (PreTokenizer)new RegexPreTokenizer(new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.Compiled), null);

    private static void RequireNoPrefixSpace(JsonElement byteLevel, string path)
    {
        if (byteLevel.TryGetProperty("add_prefix_space", out JsonElement aps) && aps.ValueKind == JsonValueKind.True)
        {
            throw new NotSupportedException($"{path}: ByteLevel add_prefix_space=true is not supported (Qwen2 and Llama 3 use false).");
        }
    }

    private static JsonElement Required(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out JsonElement value)
            ? value
            : throw new InvalidDataException($"{path}: field '{name}' is missing.");

    private static NotSupportedException Unsupported(string path, string field, string what) =>
        new($"{path}: {field} '{what}' is not supported (supported: byte-level BPE with NFC or no normaliser, a Split regex then ByteLevel).");
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML.Tokenizers;

namespace SearchR1.Modeling.Tokenization;

/// <summary>Everything <see cref="HfTokenizer"/> is made of, read from a folder.</summary>
internal sealed record TokenizerParts(
    string SourceFolder,
    ByteLevelModel Model,
    List<AddedToken> AddedTokens,
    SpecialTokenNames Names,
    IReadOnlyList<int> GenerationEosIds,
    bool CleanUpTokenizationSpaces,
    string? ChatTemplate,
    JsonObject? Config);

/// <summary>
/// Reads what real Hugging Face folders ship: <c>tokenizer.json</c>, else a tiktoken <c>tokenizer.model</c>
/// (Llama 3), else <c>vocab.json</c> + <c>merges.txt</c> (Qwen2 / GPT-2), with added and special tokens from
/// <c>tokenizer_config.json</c>, <c>special_tokens_map.json</c>, <c>added_tokens.json</c> and eos ids from
/// <c>generation_config.json</c>.
/// </summary>
internal static class TokenizerFolderReader
{
    public static TokenizerParts Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Tokenizer folder '{folder}' does not exist.");
        }
        JsonObject? config = ReadObject(Path.Combine(folder, TokenizerFiles.Config));
        JsonObject? specialMap = ReadObject(Path.Combine(folder, TokenizerFiles.SpecialTokensMap));
        string tokenizerClass = config?["tokenizer_class"]?.GetValue<string>() ?? "";

        ByteLevelModel model;
        var added = new List<AddedToken>();
        string tokenizerJson = Path.Combine(folder, TokenizerFiles.TokenizerJson);
        string tiktoken = Path.Combine(folder, TokenizerFiles.TiktokenModel);
        string vocab = Path.Combine(folder, TokenizerFiles.Vocab);
        string merges = Path.Combine(folder, TokenizerFiles.Merges);
        if (File.Exists(tokenizerJson))
        {
            (model, added) = TokenizerJsonReader.Read(tokenizerJson);
        }
        else if (TokenizerFiles.IsTiktokenFile(tiktoken))
        {
            // Llama 3 ships tiktoken ranks with no pre-tokenizer description: Meta's pattern is the Llama 3 one.
            model = ByteLevelModel.FromTiktokenFile(tiktoken, new CodePointPreTokenizer(3), CodePointPreTokenizer.Llama3Pattern, nfc: false);
        }
        else if (File.Exists(vocab) && File.Exists(merges))
        {
            // transformers' slow Qwen2Tokenizer uses the Qwen pattern with NFC; GPT2Tokenizer the GPT-2 pattern.
            bool gpt2 = tokenizerClass.StartsWith("GPT2", StringComparison.Ordinal);
            string pattern = gpt2 ? TokenizerJsonReader.Gpt2Pattern : CodePointPreTokenizer.QwenPattern;
            PreTokenizer pre = TokenizerJsonReader.PreTokenizerFor(pattern);
            model = ByteLevelModel.FromMerges(ReadVocab(vocab), ReadMerges(merges), pre, pattern, nfc: !gpt2);
        }
        else
        {
            throw new FileNotFoundException(
                $"No tokenizer in '{folder}': expected tokenizer.json, a tiktoken tokenizer.model, or vocab.json + merges.txt.");
        }

        var byId = new Dictionary<int, AddedToken>();
        foreach (AddedToken token in added)
        {
            byId[token.Id] = token;
        }
        if (config?["added_tokens_decoder"] is JsonObject decoder)
        {
            foreach ((string key, JsonNode? value) in decoder)
            {
                if (!int.TryParse(key, out int id) || value is null)
                {
                    throw new InvalidDataException($"{Path.Combine(folder, TokenizerFiles.Config)}: added_tokens_decoder key '{key}' is not an id.");
                }
                if (!byId.ContainsKey(id))
                {
                    using JsonDocument doc = JsonDocument.Parse(value.ToJsonString());
                    byId[id] = TokenizerJsonReader.ReadAddedToken(doc.RootElement, id);
                }
            }
        }
        if (ReadObject(Path.Combine(folder, TokenizerFiles.AddedTokens)) is JsonObject addedFile)
        {
            foreach ((string content, JsonNode? value) in addedFile)
            {
                int id = value!.GetValue<int>();
                byId.TryAdd(id, new AddedToken(id, content, Special: false, Normalized: true));
            }
        }

        string? Name(string key) => TokenContent(config?[key]) ?? TokenContent(specialMap?[key]);
        var additional = new List<string>();
        foreach (JsonNode? node in (config?["additional_special_tokens"] as JsonArray) ?? (specialMap?["additional_special_tokens"] as JsonArray) ?? [])
        {
            if (TokenContent(node) is string content)
            {
                additional.Add(content);
            }
        }
        var names = new SpecialTokenNames(Name("bos_token"), Name("eos_token"), Name("pad_token"), Name("unk_token"), additional);

        // A named special token that is not an added token yet becomes one (transformers does the same): with
        // the id it has in the vocabulary, or the next free id.
        int nextId = Math.Max(model.Size, byId.Count == 0 ? 0 : byId.Keys.Max() + 1);
        foreach (string? content in new[] { names.BosToken, names.EosToken, names.UnkToken, names.PadToken }.Concat(additional))
        {
            if (content is null || byId.Values.Any(t => t.Content == content))
            {
                continue;
            }
            int id = model.TokenToId(content) ?? nextId++;
            byId[id] = new AddedToken(id, content, Special: true);
        }

        return new TokenizerParts(
            folder,
            model,
            byId.Values.OrderBy(t => t.Id).ToList(),
            names,
            ReadGenerationEos(Path.Combine(folder, TokenizerFiles.GenerationConfig)),
            config?["clean_up_tokenization_spaces"]?.GetValue<bool>() ?? false,
            ReadChatTemplate(folder, config),
            config);
    }

    private static string? ReadChatTemplate(string folder, JsonObject? config)
    {
        string jinja = Path.Combine(folder, TokenizerFiles.ChatTemplate);
        if (File.Exists(jinja))
        {
            return File.ReadAllText(jinja);
        }
        return config?["chat_template"] switch
        {
            JsonValue value => value.GetValue<string>(),
            // Named templates: [{"name": "default", "template": "..."}, …].
            JsonArray list => list.OfType<JsonObject>().FirstOrDefault(t => t["name"]?.GetValue<string>() == "default")?["template"]?.GetValue<string>(),
            _ => null,
        };
    }

    private static List<int> ReadGenerationEos(string path)
    {
        JsonObject? generation = ReadObject(path);
        return generation?["eos_token_id"] switch
        {
            JsonArray ids => ids.Select(id => id!.GetValue<int>()).ToList(),
            JsonValue id => [id.GetValue<int>()],
            _ => [],
        };
    }

    /// <summary>A special token written as a string or as {"content": …} (AddedToken form).</summary>
    private static string? TokenContent(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonObject obj => obj["content"]?.GetValue<string>(),
        _ => null,
    };

    private static JsonObject? ReadObject(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException($"{path}: expected a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message}).", e);
        }
    }

    private static Dictionary<string, int> ReadVocab(string path)
    {
        using FileStream stream = File.OpenRead(path);
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, int>>(stream)
                ?? throw new InvalidDataException($"{path}: expected an object of token → id.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: expected an object of token → id ({e.Message}).", e);
        }
    }

    private static List<(string, string)> ReadMerges(string path)
    {
        var merges = new List<(string, string)>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || (lineNumber == 1 && line.StartsWith("#version", StringComparison.Ordinal)))
            {
                continue;
            }
            int space = line.IndexOf(' ', 1);
            if (space <= 0 || line.IndexOf(' ', space + 1) >= 0)
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: expected two tokens separated by one space, got '{line}'.");
            }
            merges.Add((line[..space], line[(space + 1)..]));
        }
        return merges;
    }
}

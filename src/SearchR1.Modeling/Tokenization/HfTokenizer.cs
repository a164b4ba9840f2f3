using System.Text;
using SearchR1.Modeling.Tokenization.ChatTemplates;

namespace SearchR1.Modeling.Tokenization;

/// <summary>
/// A Hugging Face tokenizer folder (Qwen2 / Qwen2.5 byte-level BPE, Llama 3 tiktoken BPE) that encodes, decodes
/// and renders chat templates exactly as transformers does.
/// </summary>
/// <remarks>
/// Encoding: added tokens (special ones such as <c>&lt;|im_end|&gt;</c> included) are matched in the text
/// first, as transformers does with <c>add_special_tokens=False</c>; the text between them goes through
/// Microsoft.ML.Tokenizers (BpeTokenizer or TiktokenTokenizer) with the folder's normaliser and pre-tokenizer.
/// Nothing is prepended or appended (no BOS): chat templates write their own.
/// </remarks>
public sealed class HfTokenizer
{
    private readonly TokenizerParts _parts;
    private readonly ByteLevelModel _model;
    private readonly Dictionary<int, AddedToken> _addedById;
    private readonly Dictionary<int, byte[]> _addedBytes;
    private readonly Dictionary<string, int> _addedByContent;
    private readonly AddedTokenSplitter _rawSplitter;
    private readonly AddedTokenSplitter _normalizedSplitter;
    private readonly Lazy<ChatTemplate?> _chatTemplate;
    private readonly int? _padTokenId;

    private HfTokenizer(TokenizerParts parts)
    {
        _parts = parts;
        _model = parts.Model;
        AddedTokens = parts.AddedTokens;
        _addedById = parts.AddedTokens.ToDictionary(t => t.Id);
        _addedBytes = parts.AddedTokens.ToDictionary(t => t.Id, t => ByteLevelAlphabet.TryDecode(t.Content) ?? Encoding.UTF8.GetBytes(t.Content));
        _addedByContent = new Dictionary<string, int>();
        foreach (AddedToken token in parts.AddedTokens)
        {
            _addedByContent.TryAdd(token.Content, token.Id);
        }
        _rawSplitter = new AddedTokenSplitter(parts.AddedTokens.Where(t => !t.Normalized));
        _normalizedSplitter = new AddedTokenSplitter(parts.AddedTokens.Where(t => t.Normalized));

        SpecialTokens = parts.Names;
        BosTokenId = parts.Names.BosToken is string bos ? TokenToId(bos) : null;
        var eos = new SortedSet<int>();
        if (parts.Names.EosToken is string eosToken && TokenToId(eosToken) is int eosId)
        {
            eos.Add(eosId);
        }
        eos.UnionWith(parts.GenerationEosIds);
        EosTokenIds = eos;
        _padTokenId = parts.Names.PadToken is string pad ? TokenToId(pad)
            : parts.Names.EosToken is string eosName ? TokenToId(eosName)
            : eos.Count > 0 ? eos.Min : null;
        VocabularySize = Math.Max(_model.Size, parts.AddedTokens.Count == 0 ? 0 : parts.AddedTokens.Max(t => t.Id) + 1);
        ChatTemplateSource = parts.ChatTemplate;
        _chatTemplate = new Lazy<ChatTemplate?>(() => parts.ChatTemplate is null ? null : ChatTemplate.Parse(parts.ChatTemplate));
    }

    /// <summary>Reads a tokenizer folder (see <see cref="TokenizerFiles"/>).</summary>
    public static HfTokenizer Load(string folder) => new(TokenizerFolderReader.Read(folder));

    /// <summary>The folder it was loaded from.</summary>
    public string SourceFolder => _parts.SourceFolder;

    /// <summary>Every id, added tokens included (transformers' <c>len(tokenizer)</c>). Model embeddings may have more rows.</summary>
    public int VocabularySize { get; }

    /// <summary>Tokens matched whole in text, ordered by id.</summary>
    public IReadOnlyList<AddedToken> AddedTokens { get; }

    /// <summary>bos / eos / pad / unk and additional special tokens as the folder names them.</summary>
    public SpecialTokenNames SpecialTokens { get; }

    /// <summary>Every id that ends a sequence: the tokenizer's eos and generation_config.json's eos_token_id.</summary>
    public IReadOnlySet<int> EosTokenIds { get; }

    /// <summary>The pad id: pad_token, else the eos token (SPEC §1.1: Qwen2.5 pads with &lt;|endoftext|&gt;, Llama with eos).</summary>
    public int PadTokenId => _padTokenId
        ?? throw new InvalidOperationException($"The tokenizer in '{SourceFolder}' has neither pad_token nor eos_token.");

    /// <summary>The bos id, or null where the folder sets none (Qwen2).</summary>
    public int? BosTokenId { get; }

    /// <summary>Whether decoding applies transformers' <c>clean_up_tokenization</c> (tokenizer_config.json).</summary>
    public bool CleanUpTokenizationSpaces => _parts.CleanUpTokenizationSpaces;

    /// <summary>Which Microsoft.ML.Tokenizers engine runs the merges.</summary>
    public BpeEngine Engine => _model.Kind;

    /// <summary>The chat template's Jinja source, or null.</summary>
    public string? ChatTemplateSource { get; }

    public bool HasChatTemplate => ChatTemplateSource is not null;

    /// <summary>
    /// The ids of <paramref name="text"/>, as transformers' <c>encode(text, add_special_tokens=False)</c>:
    /// special and added tokens written in the text become their single ids.
    /// </summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        foreach ((int start, int length, AddedToken? token) in _rawSplitter.Split(text))
        {
            if (token is not null)
            {
                ids.Add(token.Id);
            }
            else
            {
                EncodeNormalizedPart(text.Substring(start, length), ids);
            }
        }
        return ids.ToArray();
    }

    /// <summary>
    /// The text of <paramref name="ids"/>, as transformers' <c>decode</c>: bytes joined then read as UTF-8 with
    /// U+FFFD for invalid sequences; special tokens dropped when asked; unknown ids ignored.
    /// </summary>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var bytes = new List<byte>();
        foreach (int id in ids)
        {
            if (_addedById.TryGetValue(id, out AddedToken? added))
            {
                if (!(skipSpecialTokens && added.Special))
                {
                    bytes.AddRange(_addedBytes[id]);
                }
            }
            else if (_model.IdToBytes(id) is byte[] tokenBytes)
            {
                bytes.AddRange(tokenBytes);
            }
        }
        string text = Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
        return CleanUpTokenizationSpaces ? CleanUpTokenization(text) : text;
    }

    /// <summary>The id of a token as the vocabulary spells it (byte-level: 'Ġhello'), or of an added token's text.</summary>
    public int? TokenToId(string token) =>
        _addedByContent.TryGetValue(token, out int id) ? id : _model.TokenToId(token);

    /// <summary>The token an id stands for (byte-level spelling, or the added token's text), or null.</summary>
    public string? IdToToken(int id) =>
        _addedById.TryGetValue(id, out AddedToken? added) ? added.Content : _model.IdToToken(id);

    /// <summary>True for ids of special added tokens (those <c>skipSpecialTokens</c> drops).</summary>
    public bool IsSpecial(int id) => _addedById.TryGetValue(id, out AddedToken? added) && added.Special;

    /// <summary>
    /// The folder's chat template rendered as transformers' <c>apply_chat_template(messages,
    /// add_generation_prompt=…, tokenize=False)</c>; <paramref name="dateString"/> is passed as <c>date_string</c>
    /// when given (Llama 3 otherwise uses today's date).
    /// </summary>
    public string ApplyChatTemplate(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt, string? dateString = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = new List<object?>(messages.Count);
        foreach (ChatMessage message in messages)
        {
            list.Add(new JinjaDictionary { ["role"] = message.Role, ["content"] = message.Content });
        }
        var extra = new Dictionary<string, object?>();
        if (dateString is not null)
        {
            extra["date_string"] = dateString;
        }
        return RenderChatTemplate(list, addGenerationPrompt, extra);
    }

    /// <summary>
    /// The general form of <see cref="ApplyChatTemplate"/>: messages as Jinja values (dictionaries that may hold
    /// tool_calls etc.) and extra template variables (<c>tools</c>, <c>date_string</c>, …).
    /// </summary>
    public string RenderChatTemplate(IReadOnlyList<object?> messages, bool addGenerationPrompt, IReadOnlyDictionary<string, object?>? extra = null)
    {
        ChatTemplate template = _chatTemplate.Value
            ?? throw new InvalidOperationException($"The tokenizer in '{SourceFolder}' has no chat_template (tokenizer_config.json or chat_template.jinja).");
        // transformers: render(messages=…, tools=…, documents=…, add_generation_prompt=…, **special_tokens_map, **kwargs).
        var context = new Dictionary<string, object?>
        {
            ["messages"] = messages.ToList(),
            ["tools"] = null,
            ["documents"] = null,
            ["add_generation_prompt"] = addGenerationPrompt,
        };
        AddIfSet(context, "bos_token", SpecialTokens.BosToken);
        AddIfSet(context, "eos_token", SpecialTokens.EosToken);
        AddIfSet(context, "unk_token", SpecialTokens.UnkToken);
        AddIfSet(context, "pad_token", SpecialTokens.PadToken);
        if (SpecialTokens.AdditionalSpecialTokens.Count > 0)
        {
            context["additional_special_tokens"] = SpecialTokens.AdditionalSpecialTokens.Cast<object?>().ToList();
        }
        if (extra is not null)
        {
            foreach ((string key, object? value) in extra)
            {
                context[key] = value;
            }
        }
        return template.Render(context);
    }

    /// <summary>
    /// Writes the tokenizer files into <paramref name="folder"/> (created if needed; other files left alone) so
    /// that transformers loads the same tokenizer: the files it was read from, plus a generated tokenizer.json
    /// (and tokenizer_config.json) where the source had none. Each file is written atomically.
    /// </summary>
    public void Save(string folder) => TokenizerFolderWriter.Write(this, _parts, folder);

    private void EncodeNormalizedPart(string part, List<int> ids)
    {
        if (_normalizedSplitter.IsEmpty)
        {
            _model.Encode(part, ids);
            return;
        }
        string normalized = _model.Nfc ? UnicodeNfc.Normalize(part) : part;
        foreach ((int start, int length, AddedToken? token) in _normalizedSplitter.Split(normalized))
        {
            if (token is not null)
            {
                ids.Add(token.Id);
            }
            else
            {
                _model.Encode(normalized.Substring(start, length), ids);
            }
        }
    }

    private static void AddIfSet(Dictionary<string, object?> context, string key, string? value)
    {
        if (value is not null)
        {
            context[key] = value;
        }
    }

    /// <summary>transformers' <c>clean_up_tokenization</c>: drops the space before punctuation and contractions.</summary>
    public static string CleanUpTokenization(string text) => text
        .Replace(" .", ".", StringComparison.Ordinal)
        .Replace(" ?", "?", StringComparison.Ordinal)
        .Replace(" !", "!", StringComparison.Ordinal)
        .Replace(" ,", ",", StringComparison.Ordinal)
        .Replace(" ' ", "'", StringComparison.Ordinal)
        .Replace(" n't", "n't", StringComparison.Ordinal)
        .Replace(" 'm", "'m", StringComparison.Ordinal)
        .Replace(" 's", "'s", StringComparison.Ordinal)
        .Replace(" 've", "'ve", StringComparison.Ordinal)
        .Replace(" 're", "'re", StringComparison.Ordinal);

    internal ByteLevelModel Model => _model;
}

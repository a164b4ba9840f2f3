using System.Text;
using Microsoft.ML.Tokenizers;

namespace SearchR1.Modeling.Tokenization;

/// <summary>Which Microsoft.ML.Tokenizers engine runs the merges.</summary>
public enum BpeEngine
{
    /// <summary><see cref="BpeTokenizer"/>: merges by the priority of the pair (Qwen2, GPT-2).</summary>
    MergeList,

    /// <summary><see cref="TiktokenTokenizer"/>: a whole piece found in the vocabulary wins, else merges by rank (Llama 3).</summary>
    Tiktoken,
}

/// <summary>
/// A byte-level BPE vocabulary and the Microsoft.ML.Tokenizers engine that applies it to ordinary text (no added
/// tokens: <see cref="HfTokenizer"/> splits those out first). Also keeps id ↔ token ↔ bytes tables for decoding,
/// which Hugging Face does on bytes with lossy UTF-8 at the end (ML.Tokenizers' own Decode drops partial
/// characters instead).
/// </summary>
internal sealed class ByteLevelModel
{
    private readonly Tokenizer _engine;
    private readonly Dictionary<string, int> _tokenToId;
    private readonly string?[] _idToToken;
    private readonly byte[]?[] _idToBytes;

    private ByteLevelModel(
        Tokenizer engine,
        BpeEngine kind,
        Dictionary<string, int> tokenToId,
        IReadOnlyList<(string Left, string Right)> merges,
        PreTokenizer preTokenizer,
        string preTokenizerPattern,
        bool nfc)
    {
        _engine = engine;
        Kind = kind;
        _tokenToId = tokenToId;
        Merges = merges;
        PreTokenizer = preTokenizer;
        PreTokenizerPattern = preTokenizerPattern;
        Nfc = nfc;
        int size = tokenToId.Count == 0 ? 0 : tokenToId.Values.Max() + 1;
        _idToToken = new string?[size];
        _idToBytes = new byte[]?[size];
        foreach ((string token, int id) in tokenToId)
        {
            _idToToken[id] = token;
            _idToBytes[id] = ByteLevelAlphabet.TryDecode(token) ?? Encoding.UTF8.GetBytes(token);
        }
    }

    public BpeEngine Kind { get; }

    /// <summary>The merges in priority order (empty for a tiktoken file, whose ranks are the ids).</summary>
    public IReadOnlyList<(string Left, string Right)> Merges { get; }

    public PreTokenizer PreTokenizer { get; }

    /// <summary>The pre-tokenizer's regular expression as tokenizer.json spells it.</summary>
    public string PreTokenizerPattern { get; }

    public bool Nfc { get; }

    /// <summary>One past the largest id.</summary>
    public int Size => _idToToken.Length;

    public IReadOnlyDictionary<string, int> Vocabulary => _tokenToId;

    /// <summary>A Qwen2/GPT-2 style vocabulary with its merge list.</summary>
    public static ByteLevelModel FromMerges(
        Dictionary<string, int> vocabulary,
        IReadOnlyList<(string Left, string Right)> merges,
        PreTokenizer preTokenizer,
        string preTokenizerPattern,
        bool nfc)
    {
        var options = new BpeOptions(vocabulary)
        {
            // Byte-level tokens never contain a space (a space byte is spelled 'Ġ'), so "left right" is unambiguous.
            Merges = merges.Select(m => m.Left + " " + m.Right),
            ByteLevel = true,
            PreTokenizer = preTokenizer,
            Normalizer = nfc ? NfcNormalizer.Instance : null,
        };
        BpeTokenizer engine = BpeTokenizer.Create(options);
        return new ByteLevelModel(engine, BpeEngine.MergeList, vocabulary, merges, preTokenizer, preTokenizerPattern, nfc);
    }

    /// <summary>A tiktoken ranks file (<c>base64 rank</c> per line, Llama 3's <c>tokenizer.model</c>).</summary>
    public static ByteLevelModel FromTiktokenFile(string path, PreTokenizer preTokenizer, string preTokenizerPattern, bool nfc)
    {
        var vocabulary = new Dictionary<string, int>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            int space = line.IndexOf(' ');
            byte[] bytes;
            int rank;
            try
            {
                bytes = Convert.FromBase64String(line[..space]);
                rank = int.Parse(line.AsSpan(space + 1), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: expected '<base64 token> <rank>' (a tiktoken ranks file).", e);
            }
            vocabulary[ByteLevelAlphabet.Encode(bytes)] = rank;
        }
        using FileStream stream = File.OpenRead(path);
        TiktokenTokenizer engine = TiktokenTokenizer.Create(stream, preTokenizer, nfc ? NfcNormalizer.Instance : null, new Dictionary<string, int>());
        return new ByteLevelModel(engine, BpeEngine.Tiktoken, vocabulary, [], preTokenizer, preTokenizerPattern, nfc);
    }

    /// <summary>
    /// A byte-level vocabulary whose tokenizer.json says <c>ignore_merges</c> (Llama 3 converted from tiktoken):
    /// run it as tiktoken with ranks = ids. Microsoft.ML.Tokenizers' BpeTokenizer has no ignore_merges, and
    /// tiktoken's "whole piece first, then lowest-rank pair" is the same algorithm when the merge list is in
    /// rank order, which the caller checks.
    /// </summary>
    public static ByteLevelModel FromRanks(
        Dictionary<string, int> vocabulary,
        IReadOnlyList<(string Left, string Right)> merges,
        PreTokenizer preTokenizer,
        string preTokenizerPattern,
        bool nfc)
    {
        var file = new StringBuilder(vocabulary.Count * 16);
        foreach ((string token, int id) in vocabulary.OrderBy(kv => kv.Value))
        {
            byte[] bytes = ByteLevelAlphabet.TryDecode(token)
                ?? throw new InvalidDataException($"Token '{token}' (id {id}) is not byte-level; ignore_merges is supported for byte-level vocabularies only.");
            file.Append(Convert.ToBase64String(bytes)).Append(' ').Append(id).Append('\n');
        }
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(file.ToString()));
        TiktokenTokenizer engine = TiktokenTokenizer.Create(stream, preTokenizer, nfc ? NfcNormalizer.Instance : null, new Dictionary<string, int>());
        return new ByteLevelModel(engine, BpeEngine.Tiktoken, vocabulary, merges, preTokenizer, preTokenizerPattern, nfc);
    }

    /// <summary>Appends the ids of ordinary text (no added tokens in it).</summary>
    public void Encode(string text, List<int> ids)
    {
        if (text.Length == 0)
        {
            return;
        }
        ids.AddRange(_engine.EncodeToIds(text));
    }

    public int? TokenToId(string token) => _tokenToId.TryGetValue(token, out int id) ? id : null;

    public string? IdToToken(int id) => (uint)id < (uint)_idToToken.Length ? _idToToken[id] : null;

    public byte[]? IdToBytes(int id) => (uint)id < (uint)_idToBytes.Length ? _idToBytes[id] : null;
}

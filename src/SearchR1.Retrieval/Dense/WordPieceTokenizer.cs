using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SearchR1.Retrieval.Dense;

/// <summary>
/// BERT WordPiece tokenization exactly as Hugging Face's fast tokenizer does it: BertNormalizer (clean text, CJK
/// spacing, accent stripping (NFD minus non-spacing marks, see <see cref="AccentStripper"/>), lower case), BertPreTokenizer (split on whitespace and on every punctuation
/// character), greedy longest-match WordPiece with <c>##</c> continuations, <c>[CLS] … [SEP]</c>.
/// </summary>
/// <remarks>
/// Written here rather than taken from Microsoft.ML.Tokenizers' BertTokenizer (2.0.1) because that one differs from
/// Hugging Face on the e5-tiny reference: it does not decompose before removing accents ("Führer" becomes [UNK]
/// instead of "f ##u ##h ##r ##e ##r") and it drops ASCII symbols such as <c>&lt;</c> and <c>&gt;</c>, which BERT
/// treats as punctuation tokens.
/// </remarks>
public sealed class WordPieceTokenizer
{
    private const string ContinuationPrefix = "##";
    private readonly Dictionary<string, int> _vocabulary;
    private readonly bool _lowercase;
    private readonly bool _stripAccents;
    private readonly bool _handleChineseChars;
    private readonly int _maxCharsPerWord;

    private WordPieceTokenizer(Dictionary<string, int> vocabulary, bool lowercase, bool stripAccents, bool handleChineseChars, int maxCharsPerWord, string source)
    {
        _vocabulary = vocabulary;
        _lowercase = lowercase;
        _stripAccents = stripAccents;
        _handleChineseChars = handleChineseChars;
        _maxCharsPerWord = maxCharsPerWord;
        UnknownId = Require("[UNK]", source);
        ClsId = Require("[CLS]", source);
        SepId = Require("[SEP]", source);
        PadId = _vocabulary.TryGetValue("[PAD]", out int pad) ? pad : 0;
    }

    public int ClsId { get; }

    public int SepId { get; }

    public int PadId { get; }

    public int UnknownId { get; }

    /// <summary>Loads the tokenizer of a model folder (<c>tokenizer.json</c> preferred for its settings, else <c>vocab.txt</c>, lower-casing).</summary>
    public static WordPieceTokenizer Load(string folder)
    {
        string tokenizerJson = Path.Combine(folder, "tokenizer.json");
        string vocabTxt = Path.Combine(folder, "vocab.txt");
        if (File.Exists(tokenizerJson))
        {
            return FromTokenizerJson(tokenizerJson);
        }
        if (File.Exists(vocabTxt))
        {
            var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
            int id = 0;
            foreach (string line in File.ReadLines(vocabTxt))
            {
                vocabulary.TryAdd(line.TrimEnd('\r'), id++);
            }
            return new WordPieceTokenizer(vocabulary, lowercase: true, stripAccents: true, handleChineseChars: true, 100, vocabTxt);
        }
        throw new FileNotFoundException($"{folder}: no tokenizer: expected tokenizer.json (WordPiece) or vocab.txt");
    }

    /// <summary>Token ids with <c>[CLS]</c> and <c>[SEP]</c>, cut to <paramref name="maxLength"/> tokens in all (HF truncation).</summary>
    public int[] Encode(string text, int maxLength)
    {
        var ids = new List<int> { ClsId };
        int budget = Math.Max(0, maxLength - 2);
        foreach (string word in PreTokenize(Normalize(text)))
        {
            if (ids.Count - 1 >= budget)
            {
                break;
            }
            AppendWordPieces(word, ids);
        }
        if (ids.Count - 1 > budget)
        {
            ids.RemoveRange(budget + 1, ids.Count - 1 - budget);
        }
        ids.Add(SepId);
        return ids.ToArray();
    }

    /// <summary>BertNormalizer.</summary>
    private string Normalize(string text)
    {
        var cleaned = new StringBuilder(text.Length + 8);
        foreach (Rune rune in text.EnumerateRunes())
        {
            int c = rune.Value;
            if (c == 0 || c == 0xFFFD || IsControl(rune))
            {
                continue;
            }
            if (IsWhitespace(rune))
            {
                cleaned.Append(' ');
            }
            else if (_handleChineseChars && IsChinese(c))
            {
                cleaned.Append(' ').Append(rune.ToString()).Append(' ');
            }
            else
            {
                cleaned.Append(rune.ToString());
            }
        }
        string result = cleaned.ToString();
        if (_stripAccents)
        {
            var stripped = new StringBuilder(result.Length);
            foreach (Rune rune in result.EnumerateRunes())
            {
                AccentStripper.Append(rune, stripped);
            }
            result = stripped.ToString();
        }
        return _lowercase ? result.ToLowerInvariant() : result;
    }

    /// <summary>BertPreTokenizer: whitespace separates words, every punctuation character is a word of its own.</summary>
    private static IEnumerable<string> PreTokenize(string text)
    {
        var word = new StringBuilder();
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
            }
            else if (IsPunctuation(rune))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
                yield return rune.ToString();
            }
            else
            {
                word.Append(rune.ToString());
            }
        }
        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    /// <summary>Greedy longest-match-first; a word with an unmatchable rest becomes one [UNK].</summary>
    private void AppendWordPieces(string word, List<int> ids)
    {
        int[] boundaries = RuneBoundaries(word);
        if (boundaries.Length - 1 > _maxCharsPerWord)
        {
            ids.Add(UnknownId);
            return;
        }
        int firstNew = ids.Count;
        int start = 0;
        while (start < boundaries.Length - 1)
        {
            int end = boundaries.Length - 1;
            int found = -1;
            while (end > start)
            {
                string piece = word[boundaries[start]..boundaries[end]];
                if (start > 0)
                {
                    piece = ContinuationPrefix + piece;
                }
                if (_vocabulary.TryGetValue(piece, out int id))
                {
                    found = id;
                    break;
                }
                end--;
            }
            if (found < 0)
            {
                ids.RemoveRange(firstNew, ids.Count - firstNew);
                ids.Add(UnknownId);
                return;
            }
            ids.Add(found);
            start = end;
        }
    }

    private static int[] RuneBoundaries(string word)
    {
        var boundaries = new List<int> { 0 };
        int position = 0;
        foreach (Rune rune in word.EnumerateRunes())
        {
            position += rune.Utf16SequenceLength;
            boundaries.Add(position);
        }
        return boundaries.ToArray();
    }

    private static bool IsWhitespace(Rune rune) =>
        rune.Value is ' ' or '\t' or '\n' or '\r' || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator;

    private static bool IsControl(Rune rune)
    {
        if (rune.Value is '\t' or '\n' or '\r')
        {
            return false;
        }
        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate;
    }

    private static bool IsPunctuation(Rune rune)
    {
        int c = rune.Value;
        if (c is >= 33 and <= 47 or >= 58 and <= 64 or >= 91 and <= 96 or >= 123 and <= 126)
        {
            return true;
        }
        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    private static bool IsChinese(int c) =>
        c is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2A6DF or >= 0x2A700 and <= 0x2B73F
            or >= 0x2B740 and <= 0x2B81F or >= 0x2B820 and <= 0x2CEAF or >= 0xF900 and <= 0xFAFF or >= 0x2F800 and <= 0x2FA1F;

    private int Require(string token, string source) =>
        _vocabulary.TryGetValue(token, out int id) ? id : throw new InvalidDataException($"{source}: the vocabulary has no {token} token");

    private static WordPieceTokenizer FromTokenizerJson(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = document.RootElement;
        if (!root.TryGetProperty("model", out JsonElement model)
            || !model.TryGetProperty("type", out JsonElement type) || type.GetString() != "WordPiece"
            || !model.TryGetProperty("vocab", out JsonElement vocab) || vocab.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: field 'model': expected a WordPiece model with a \"vocab\" object (BERT-style encoders)");
        }
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (JsonProperty piece in vocab.EnumerateObject())
        {
            vocabulary[piece.Name] = piece.Value.GetInt32();
        }
        int maxChars = model.TryGetProperty("max_input_chars_per_word", out JsonElement max) && max.ValueKind == JsonValueKind.Number ? max.GetInt32() : 100;
        bool lowercase = true;
        bool? stripAccents = null;
        bool chineseChars = true;
        if (root.TryGetProperty("normalizer", out JsonElement normalizer) && normalizer.ValueKind == JsonValueKind.Object)
        {
            lowercase = !normalizer.TryGetProperty("lowercase", out JsonElement lower) || lower.ValueKind != JsonValueKind.False;
            if (normalizer.TryGetProperty("strip_accents", out JsonElement strip) && strip.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                stripAccents = strip.ValueKind == JsonValueKind.True;
            }
            chineseChars = !normalizer.TryGetProperty("handle_chinese_chars", out JsonElement cjk) || cjk.ValueKind != JsonValueKind.False;
        }
        // Hugging Face: strip_accents unset follows lowercase.
        return new WordPieceTokenizer(vocabulary, lowercase, stripAccents ?? lowercase, chineseChars, maxChars, path);
    }
}

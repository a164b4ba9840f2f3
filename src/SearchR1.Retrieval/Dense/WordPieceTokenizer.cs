using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace SearchR1.Retrieval.Dense;

/// <summary>
/// BERT WordPiece tokenization as Hugging Face's fast tokenizer does it (BertNormalizer, BertPreTokenizer,
/// WordPiece, <c>[CLS] … [SEP]</c>), on Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>. Reads
/// <c>vocab.txt</c>, or the vocabulary and normaliser settings of <c>tokenizer.json</c>.
/// </summary>
public sealed class WordPieceTokenizer
{
    private readonly BertTokenizer _tokenizer;

    private WordPieceTokenizer(BertTokenizer tokenizer)
    {
        _tokenizer = tokenizer;
    }

    public int ClsId => _tokenizer.ClassificationTokenId;

    public int SepId => _tokenizer.SeparatorTokenId;

    public int PadId => _tokenizer.PaddingTokenId;

    /// <summary>Loads the tokenizer of a model folder (<c>tokenizer.json</c> preferred for its settings, else <c>vocab.txt</c>).</summary>
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
            return new WordPieceTokenizer(BertTokenizer.Create(vocabTxt, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true }));
        }
        throw new FileNotFoundException($"{folder}: no tokenizer: expected tokenizer.json (WordPiece) or vocab.txt");
    }

    /// <summary>Token ids with <c>[CLS]</c> and <c>[SEP]</c>, cut to <paramref name="maxLength"/> tokens in all (HF truncation).</summary>
    public int[] Encode(string text, int maxLength)
    {
        IReadOnlyList<int> pieces = _tokenizer.EncodeToIds(text, addSpecialTokens: false);
        int keep = Math.Min(pieces.Count, Math.Max(0, maxLength - 2));
        var ids = new int[keep + 2];
        ids[0] = ClsId;
        for (int i = 0; i < keep; i++)
        {
            ids[i + 1] = pieces[i];
        }
        ids[^1] = SepId;
        return ids;
    }

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
        // BertTokenizer reads vocab.txt (one piece per line, line number = id): rebuild it from the JSON vocabulary.
        var pieces = vocab.EnumerateObject().Select(p => (Piece: p.Name, Id: p.Value.GetInt32())).OrderBy(p => p.Id).ToList();
        for (int i = 0; i < pieces.Count; i++)
        {
            if (pieces[i].Id != i)
            {
                throw new InvalidDataException($"{path}: field 'model.vocab': ids must be 0..{pieces.Count - 1} without gaps; id {i} is missing");
            }
        }
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
        var text = new StringBuilder();
        foreach ((string piece, _) in pieces)
        {
            text.Append(piece).Append('\n');
        }
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        var options = new BertOptions
        {
            LowerCaseBeforeTokenization = lowercase,
            // Hugging Face: strip_accents unset follows lowercase.
            RemoveNonSpacingMarks = stripAccents ?? lowercase,
            IndividuallyTokenizeCjk = chineseChars,
        };
        return new WordPieceTokenizer(BertTokenizer.Create(stream, options));
    }
}

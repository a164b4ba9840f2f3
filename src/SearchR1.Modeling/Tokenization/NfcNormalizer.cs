using Microsoft.ML.Tokenizers;

namespace SearchR1.Modeling.Tokenization;

/// <summary>
/// Unicode NFC, the normaliser of Qwen2's <c>tokenizer.json</c>. Microsoft.ML.Tokenizers has no such class
/// (only lower/upper-casing, BERT and SentencePiece ones), and without it "Fu\u0308hrer" tokenises differently
/// from transformers. Delegates to <see cref="UnicodeNfc"/> (string.Normalize is a no-op under
/// InvariantGlobalization).
/// </summary>
public sealed class NfcNormalizer : Normalizer
{
    public static NfcNormalizer Instance { get; } = new();

    public override string Normalize(string original) => UnicodeNfc.Normalize(original);

    public override string Normalize(ReadOnlySpan<char> original) => Normalize(original.ToString());
}

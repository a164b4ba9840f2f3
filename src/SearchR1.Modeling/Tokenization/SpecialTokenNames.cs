namespace SearchR1.Modeling.Tokenization;

/// <summary>
/// The named special tokens of tokenizer_config.json / special_tokens_map.json (null where the folder sets none).
/// Chat templates see them as <c>bos_token</c>, <c>eos_token</c>, … (transformers passes its special_tokens_map).
/// </summary>
public sealed record SpecialTokenNames(
    string? BosToken,
    string? EosToken,
    string? PadToken,
    string? UnkToken,
    IReadOnlyList<string> AdditionalSpecialTokens);

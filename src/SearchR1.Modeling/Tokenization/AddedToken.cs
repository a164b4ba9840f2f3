namespace SearchR1.Modeling.Tokenization;

/// <summary>
/// A token matched whole in the text before the model sees it (Hugging Face "added token"): the special tokens
/// such as <c>&lt;|im_end|&gt;</c> and any token added to a vocabulary later.
/// </summary>
/// <param name="Id">Its id.</param>
/// <param name="Content">The exact text that stands for it.</param>
/// <param name="Special">Skipped by <c>Decode(ids, skipSpecialTokens: true)</c>.</param>
/// <param name="LStrip">Swallows the whitespace on its left when matched.</param>
/// <param name="RStrip">Swallows the whitespace on its right when matched.</param>
/// <param name="SingleWord">Matches only when not inside a word.</param>
/// <param name="Normalized">Matched in the normalised text rather than the raw text.</param>
public sealed record AddedToken(
    int Id,
    string Content,
    bool Special = true,
    bool LStrip = false,
    bool RStrip = false,
    bool SingleWord = false,
    bool Normalized = false);

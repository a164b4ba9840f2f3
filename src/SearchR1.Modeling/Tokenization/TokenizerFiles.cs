namespace SearchR1.Modeling.Tokenization;

/// <summary>The file names a Hugging Face tokenizer folder may hold.</summary>
public static class TokenizerFiles
{
    public const string TokenizerJson = "tokenizer.json";
    public const string Vocab = "vocab.json";
    public const string Merges = "merges.txt";
    public const string TiktokenModel = "tokenizer.model";
    public const string Config = "tokenizer_config.json";
    public const string SpecialTokensMap = "special_tokens_map.json";
    public const string AddedTokens = "added_tokens.json";
    public const string ChatTemplate = "chat_template.jinja";
    public const string GenerationConfig = "generation_config.json";

    /// <summary>The files <see cref="HfTokenizer.Save"/> carries over (generation_config.json belongs to the model).</summary>
    public static readonly string[] Carried =
        [TokenizerJson, Vocab, Merges, TiktokenModel, Config, SpecialTokensMap, AddedTokens, ChatTemplate];

    /// <summary>True when a folder holds something <see cref="HfTokenizer.Load"/> can read.</summary>
    public static bool Present(string folder) =>
        File.Exists(Path.Combine(folder, TokenizerJson))
        || File.Exists(Path.Combine(folder, Vocab)) && File.Exists(Path.Combine(folder, Merges))
        || IsTiktokenFile(Path.Combine(folder, TiktokenModel));

    /// <summary>True for a tiktoken ranks file (text lines "base64 rank"), false for a SentencePiece model or nothing.</summary>
    public static bool IsTiktokenFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        using var reader = new StreamReader(path);
        string? first = reader.ReadLine();
        if (first is null)
        {
            return false;
        }
        int space = first.IndexOf(' ');
        return space > 0 && first.AsSpan(space + 1).IndexOfAnyExceptInRange('0', '9') < 0
            && first.AsSpan(0, space).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") < 0;
    }
}

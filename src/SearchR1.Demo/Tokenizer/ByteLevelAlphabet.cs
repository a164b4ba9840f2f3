namespace SearchR1.Demo.Tokenizer;

/// <summary>
/// GPT-2's byte-to-character table used by byte-level BPE (Qwen2 included): every byte maps to a printable
/// character, so that vocab.json and merges.txt hold only visible text (a space becomes 'Ġ', a newline 'Ċ').
/// </summary>
public static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = Build();

    /// <summary>The 256 characters, in GPT-2's order (printable bytes first, then the rest from U+0100).</summary>
    public static IReadOnlyList<char> Characters { get; } = OrderedCharacters();

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[i] = ByteToChar[bytes[i]];
        }
        return new string(chars);
    }

    public static string Encode(string text) => Encode(System.Text.Encoding.UTF8.GetBytes(text));

    private static char[] Build()
    {
        var map = new char[256];
        int next = 0;
        for (int b = 0; b < 256; b++)
        {
            map[b] = IsPrintable(b) ? (char)b : (char)(256 + next++);
        }
        return map;
    }

    private static List<char> OrderedCharacters()
    {
        var printable = Enumerable.Range(0, 256).Where(IsPrintable).Select(b => ByteToChar[b]);
        var rest = Enumerable.Range(0, 256).Where(b => !IsPrintable(b)).Select(b => ByteToChar[b]);
        return printable.Concat(rest).ToList();
    }

    private static bool IsPrintable(int b) => (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
}

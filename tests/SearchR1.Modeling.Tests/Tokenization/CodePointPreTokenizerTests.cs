using SearchR1.Modeling.Tokenization;

namespace SearchR1.Modeling.Tests.Tokenization;

public sealed class CodePointPreTokenizerTests
{
    private static string[] Pieces(int maxDigits, string text) =>
        new CodePointPreTokenizer(maxDigits).Split(text).Select(p => text.Substring(p.Offset, p.Length)).ToArray();

    [Fact]
    public void Words_keep_their_leading_space_and_punctuation_stands_alone()
    {
        Assert.Equal(["Hello", ",", " world", "!"], Pieces(1, "Hello, world!"));
    }

    [Fact]
    public void Qwen_splits_digits_one_by_one_and_Llama3_in_threes()
    {
        Assert.Equal(["1", "2", "3", "4", "5"], Pieces(1, "12345"));
        Assert.Equal(["123", "45"], Pieces(3, "12345"));
    }

    [Fact]
    public void A_run_of_spaces_gives_its_last_space_to_the_next_word()
    {
        Assert.Equal(["  ", " x", "   "], Pieces(1, "   x   "));
    }

    [Fact]
    public void Newlines_end_a_whitespace_run()
    {
        Assert.Equal(["a", " \n\n", " b", ".\n"], Pieces(1, "a \n\n b.\n"));
    }

    [Fact]
    public void Contractions_match_case_insensitively()
    {
        Assert.Equal(["it", "'S", " we", "'LL"], Pieces(1, "it'S we'LL"));
    }

    [Fact]
    public void A_symbol_outside_the_BMP_followed_by_letters_is_one_piece_as_in_transformers()
    {
        // The .NET regex would see two surrogate "others" here and split "🙂" from "abc".
        Assert.Equal(["🙂abc"], Pieces(1, "🙂abc"));
        Assert.Equal(["𝒜bc", " 🦙"], Pieces(3, "𝒜bc 🦙"));
    }

    [Fact]
    public void The_known_patterns_get_the_hand_written_splitter()
    {
        Assert.NotNull(CodePointPreTokenizer.ForPattern(CodePointPreTokenizer.QwenPattern));
        Assert.NotNull(CodePointPreTokenizer.ForPattern(CodePointPreTokenizer.Llama3Pattern));
        Assert.Null(CodePointPreTokenizer.ForPattern(@"\s+"));
    }
}

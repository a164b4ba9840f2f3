using SearchR1.Core.Rewards.Unicode;

namespace SearchR1.Core.Tests.Rewards.Unicode;

public class PythonTextTests
{
    // Expected values from Python 3.11.
    [Theory]
    [InlineData("  a b  ", "a b")]
    [InlineData("\u001c\u001dx\u001e\u001f", "x")]
    [InlineData("\u00a0\u2028x\u3000\u0085", "x")]
    [InlineData("\u200bx\u200b", "\u200bx\u200b")]
    [InlineData("\ufeffx", "\ufeffx")]
    public void Strip_uses_python_whitespace(string input, string expected)
    {
        Assert.Equal(expected, PythonText.Strip(input));
    }

    [Fact]
    public void Split_uses_python_whitespace_and_drops_empty_pieces()
    {
        Assert.Equal(["a", "b", "c"], PythonText.Split("\u001fa  b\u2003\nc\u001c"));
        Assert.Equal(["a\u200bb"], PythonText.Split("a\u200bb"));
        Assert.Empty(PythonText.Split(" \t "));
    }

    [Theory]
    [InlineData("ΣΑΣ ΟΔΥΣΣΕΥΣ", "σας οδυσσευς")]
    [InlineData("İ", "i\u0307")]
    [InlineData("ß ẞ", "ß ß")]
    [InlineData("\u212a\u2126\u212b", "kωå")]
    [InlineData("ǅ ǈ ǋ ǲ", "ǆ ǉ ǌ ǳ")]
    [InlineData("\U00010400\U0001E900", "\U00010428\U0001E922")]
    public void Lower_is_python_str_lower(string input, string expected)
    {
        Assert.Equal(expected, PythonText.Lower(input));
    }

    [Fact]
    public void Contains_never_matches_half_of_a_surrogate_pair()
    {
        string emoji = "a\U0001F600b";
        Assert.True(PythonText.Contains(emoji, "\U0001F600"));
        Assert.False(PythonText.Contains(emoji, "\ud83d"));
        Assert.False(PythonText.Contains(emoji, "\ude00b"));
        Assert.True(PythonText.Contains(emoji, ""));
        Assert.Equal(["a", "\U0001F600", "b"], PythonText.CodePointStrings(emoji));
    }
}

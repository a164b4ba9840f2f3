using SearchR1.Modeling.Tokenization;

namespace SearchR1.Modeling.Tests.Tokenization;

public sealed class UnicodeNfcTests
{
    [Theory]
    [InlineData("Fu\u0308hrer", "F\u00FChrer")]                    // u + diaeresis composes
    [InlineData("a\u0323\u0301", "\u1EA1\u0301")]                   // marks reordered by class, the first composes
    [InlineData("a\u0301\u0323", "\u1EA1\u0301")]                   // same result from the other order
    [InlineData("\u212B", "\u00C5")]                                // Ångström sign: singleton decomposition
    [InlineData("\u0915\u093C", "\u0915\u093C")]                    // Devanagari qa is a composition exclusion
    [InlineData("\u0958", "\u0915\u093C")]                          // … so its precomposed form decomposes
    [InlineData("\u1100\u1161\u11A8", "\uAC01")]                    // Hangul jamo L V T compose algorithmically
    [InlineData("plain ascii", "plain ascii")]
    [InlineData("\u0301leading mark", "\u0301leading mark")]        // a mark with no starter stays
    public void Text_is_brought_to_normalization_form_C(string input, string expected)
    {
        Assert.Equal(expected, UnicodeNfc.Normalize(input));
    }

    [Fact]
    public void Text_already_in_NFC_is_returned_as_the_same_instance()
    {
        string text = "日本語 — “quotes” and é";
        Assert.Same(text, UnicodeNfc.Normalize(text));
    }
}

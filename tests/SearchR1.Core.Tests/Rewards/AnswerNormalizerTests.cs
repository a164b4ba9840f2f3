using SearchR1.Core.Rewards;

namespace SearchR1.Core.Tests.Rewards;

public class AnswerNormalizerTests
{
    // Expected values are what Python 3.11's normalize_answer (Search-R1 qa_em.py) returns for these inputs:
    // final sigma, dotted capital I, sharp s, Kelvin and Ohm signs, titlecase, Georgian Mtavruli, Cherokee,
    // combining marks and other non-word characters next to articles, Python-only whitespace (U+001C..U+001F),
    // zero-width characters, supplementary planes.
    [Theory]
    [InlineData("\u03A3\u0391\u03A3", "\u03C3\u03B1\u03C2")]
    [InlineData("\u039F\u0394\u03A5\u03A3\u03A3\u0395\u03A5\u03A3", "\u03BF\u03B4\u03C5\u03C3\u03C3\u03B5\u03C5\u03C2")]
    [InlineData("\u03A3", "\u03C3")]
    [InlineData("A\u03A3", "a\u03C2")]
    [InlineData("\u03A3.", "\u03C3")]
    [InlineData("\u0391\u03A3'\u0392", "\u03B1\u03C3\u03B2")]
    [InlineData("A\u0345\u03A3", "\u0345\u03C2")]
    [InlineData("\u0391\u03A3\u0301", "\u03B1\u03C2\u0301")]
    [InlineData("\u0391\u03A3\u0301\u0392", "\u03B1\u03C3\u0301\u03B2")]
    [InlineData("\u0391\u03A3 \u0391", "\u03B1\u03C2 \u03B1")]
    [InlineData("\u0130stanbul", "i\u0307stanbul")]
    [InlineData("\u0130", "i\u0307")]
    [InlineData("\u00DF STRASSE", "\u00DF strasse")]
    [InlineData("\u1E9E", "\u00DF")]
    [InlineData("K \u212A", "k k")]
    [InlineData("\u2126", "\u03C9")]
    [InlineData("\u01C5ungla", "\u01C6ungla")]
    [InlineData("\u1C90\u1C91", "\u10D0\u10D1")]
    [InlineData("\u216B", "\u217B")]
    [InlineData("\u24D0 the \u24D1", "\u24D0 \u24D1")]
    [InlineData("the\u0301 answer", "\u0301 answer")]
    [InlineData("a\u0300 b", "\u0300 b")]
    [InlineData("\u00E9 the", "\u00E9")]
    [InlineData("a_the", "athe")]
    [InlineData("the_a", "thea")]
    [InlineData("1a", "1a")]
    [InlineData("a1", "a1")]
    [InlineData("an\u00B2, the\u00B3", "an\u00B2 the\u00B3")]
    [InlineData("\u00E0 la carte", "\u00E0 la carte")]
    [InlineData("\u00A0the\u00A0cat\u00A0", "cat")]
    [InlineData("a\u001Cthe\u001Dcat", "cat")]
    [InlineData("the\u200Bcat", "\u200Bcat")]
    [InlineData("the\u200Dcat", "\u200Dcat")]
    [InlineData("a\u3000an\u2003the", "")]
    [InlineData("The Beatles", "beatles")]
    [InlineData("Thea", "thea")]
    [InlineData("an a the", "")]
    [InlineData("a-a", "aa")]
    [InlineData("A.A.", "aa")]
    [InlineData("theater the", "theater")]
    [InlineData("\u0398\u0395", "\u03B8\u03B5")]
    [InlineData("\U0001D400 the", "\U0001D400")]
    [InlineData("\U00010400BC", "\U00010428bc")]
    [InlineData("the\U0001D400", "the\U0001D400")]
    [InlineData("\u00B5", "\u00B5")]
    [InlineData("\uFB01", "\uFB01")]
    [InlineData("\u24B6", "\u24D0")]
    [InlineData("\u0130I\u0131", "i\u0307i\u0131")]
    [InlineData("O'Neil & Sons, Inc.", "oneil sons inc")]
    [InlineData("\u00ABthe\u00BB \u201Ca\u201D an\u2018", "\u00AB \u00BB \u201C \u201D \u2018")]
    [InlineData("the\u2160", "the\u2170")]
    [InlineData("a\u0664", "a\u0664")]
    [InlineData("\u13F8", "\u13F8")]
    [InlineData("\u13A0", "\uAB70")]
    [InlineData("\U0001E900", "\U0001E922")]
    [InlineData("\uAB70", "\uAB70")]
    [InlineData("\u03AA", "\u03CA")]
    [InlineData("I\u0307", "i\u0307")]
    [InlineData("\u03F4", "\u03B8")]
    [InlineData("\u1FBC", "\u1FB3")]
    [InlineData("\u1F88", "\u1F80")]
    [InlineData("\u03A3\u03A3\u03A3", "\u03C3\u03C3\u03C2")]
    [InlineData("x\u03A3\u00AD", "x\u03C2\u00AD")]
    [InlineData("\u03A3\u00ADx", "\u03C3\u00ADx")]
    [InlineData("\u03F9", "\u03F2")]
    public void Normalize_matches_python_normalize_answer(string input, string expected)
    {
        Assert.Equal(expected, AnswerNormalizer.Normalize(input));
    }

    [Fact]
    public void Normalize_removes_every_ascii_punctuation_character_and_nothing_else()
    {
        Assert.Equal("ab", AnswerNormalizer.Normalize("a" + AnswerNormalizer.AsciiPunctuation + "b"));
        Assert.Equal("x\u00bfy\u2014z", AnswerNormalizer.Normalize("x\u00bfy\u2014z"));
    }

    [Fact]
    public void Normalize_of_an_empty_or_blank_string_is_empty()
    {
        Assert.Equal("", AnswerNormalizer.Normalize(""));
        Assert.Equal("", AnswerNormalizer.Normalize(" \t\n\u001f\u2029 "));
    }
}

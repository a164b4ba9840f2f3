using SearchR1.Evaluation.Methods;

namespace SearchR1.Evaluation.Tests.Methods;

public class EvalMethodsTests
{
    [Theory]
    [InlineData("search-r1", EvalMethod.SearchR1)]
    [InlineData("direct", EvalMethod.Direct)]
    [InlineData("COT", EvalMethod.Cot)]
    [InlineData(" rag ", EvalMethod.Rag)]
    [InlineData("r1", EvalMethod.R1)]
    public void Method_names_parse_to_their_method_and_back(string name, EvalMethod expected)
    {
        Assert.Equal(expected, EvalMethods.Parse(name));
        Assert.Equal(name.Trim().ToLowerInvariant(), EvalMethods.Name(expected));
    }

    [Fact]
    public void An_unknown_method_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => EvalMethods.Parse("ircot"));
        Assert.Contains("ircot", error.Message);
        Assert.Contains("direct, cot, rag, r1, search-r1", error.Message);
    }
}

using SearchR1.Core.Rewards;

namespace SearchR1.Core.Tests.Rewards;

public class AnswerMatchingTests
{
    [Fact]
    public void Exact_match_compares_normalised_forms_against_every_gold_answer()
    {
        Assert.True(AnswerMatching.ExactMatch("The  Eiffel Tower!", ["louvre", "eiffel tower"]));
        Assert.False(AnswerMatching.ExactMatch("Eiffel Tower Paris", ["eiffel tower"]));
        Assert.False(AnswerMatching.ExactMatch("Eiffel-Tower", ["eiffel tower"]));
    }

    [Fact]
    public void Sub_exact_match_looks_for_a_gold_answer_inside_the_prediction()
    {
        Assert.True(AnswerMatching.SubstringExactMatch("Eiffel Tower Paris", ["eiffel tower"]));
        Assert.True(AnswerMatching.SubstringExactMatch("anything", [""]));
        Assert.False(AnswerMatching.SubstringExactMatch("Tower", ["eiffel tower"]));
    }

    [Theory]
    [InlineData("the cat sat", "cat sat down", 0.8)]
    [InlineData("x b b", "b b b", 0.6666666666666666)]
    [InlineData("a b b", "b b b", 0.8)]
    [InlineData("dog", "cat", 0.0)]
    [InlineData("", "cat", 0.0)]
    public void Token_f1_is_the_squad_harmonic_mean_of_token_precision_and_recall(string prediction, string gold, double expected)
    {
        Assert.Equal(expected, AnswerMatching.TokenF1(prediction, [gold]), 12);
    }

    [Fact]
    public void Token_f1_takes_the_best_gold_answer()
    {
        Assert.Equal(1.0, AnswerMatching.TokenF1("James Madison", ["Madison", "james madison"]));
    }
}

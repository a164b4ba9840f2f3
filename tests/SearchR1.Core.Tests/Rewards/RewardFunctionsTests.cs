using SearchR1.Core.Protocol;
using SearchR1.Core.Rewards;

namespace SearchR1.Core.Tests.Rewards;

public class RewardFunctionsTests
{
    private static readonly string Solution =
        "<|im_start|>user\n" + PromptTemplates.SearchR1("capital of France") + "<|im_end|>\n<|im_start|>assistant\n" +
        "<think> easy </think><answer> Paris, France </answer>";

    [Fact]
    public void Em_is_the_default_and_scores_like_compute_score_em()
    {
        IRewardFunction reward = RewardFunctions.Create(RewardFunctions.Names[0]);
        Assert.Equal("em", reward.Name);
        Assert.Equal(0.0, reward.Score(Solution, ["Paris"]));
        Assert.Equal(1.0, reward.Score(Solution, ["paris france"]));
        Assert.Equal(0.0, reward.Score("<answer>Paris</answer>", ["Paris"]));
    }

    [Fact]
    public void F1_and_format_are_selectable_by_name()
    {
        Assert.Equal(2.0 / 3.0, RewardFunctions.Create("F1").Score(Solution, ["Paris"]), 12);
        IRewardFunction format = RewardFunctions.Create("format", new FormatRewardWeights(0.2, 0.1, 0.0));
        Assert.Equal(0.2, format.Score(Solution, ["Paris"]));
        Assert.Equal(1.0, format.Score(Solution, ["Paris France"]));
    }

    [Fact]
    public void An_unknown_name_is_rejected_with_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => RewardFunctions.Create("bleu"));
        Assert.Contains("em, f1, format", error.Message, StringComparison.Ordinal);
    }
}

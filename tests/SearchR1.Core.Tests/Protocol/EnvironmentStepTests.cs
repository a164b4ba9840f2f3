using SearchR1.Core.Protocol;

namespace SearchR1.Core.Tests.Protocol;

public class EnvironmentStepTests
{
    [Fact]
    public void An_answer_ends_the_trajectory_with_nothing_appended()
    {
        Assert.Equal(new StepOutcome("", true, true, false), EnvironmentStep.For(ActionParser.Parse("<answer> x </answer>")));
    }

    [Fact]
    public void A_search_appends_the_information_block_and_continues()
    {
        StepOutcome outcome = EnvironmentStep.For(ActionParser.Parse("<search> q </search>"), ["\"T\"\nbody"]);
        Assert.Equal(new StepOutcome("\n\n<information>Doc 1(Title: \"T\") body</information>\n\n", false, true, true), outcome);
        Assert.Throws<ArgumentNullException>(() => EnvironmentStep.For(ActionParser.Parse("<search> q </search>")));
    }

    [Fact]
    public void An_invalid_action_appends_the_invalid_action_text_and_continues()
    {
        Assert.Equal(
            new StepOutcome(ProtocolText.InvalidActionObservation, false, false, false),
            EnvironmentStep.For(ActionParser.Parse("just text")));
    }

    [Fact]
    public void An_inactive_row_is_done_and_invalid()
    {
        Assert.Equal(new StepOutcome("", true, false, false), EnvironmentStep.Inactive);
    }
}

using SearchR1.Evaluation.Policies;

namespace SearchR1.Evaluation.Tests.Policies;

public class StopStringRecoveryTests
{
    private static readonly string[] Stops = ["</search>", "</answer>"];

    [Fact]
    public void A_text_that_already_ends_with_a_stop_string_is_kept_as_is()
    {
        var (text, finish) = StopStringRecovery.Recover("<search> q </search>", "stop", false, null, Stops);
        Assert.Equal("<search> q </search>", text);
        Assert.Equal(CompletionFinish.StopString, finish);
    }

    [Fact]
    public void The_reported_stop_reason_is_appended_when_the_server_dropped_it()
    {
        var (text, finish) = StopStringRecovery.Recover("<think>x</think><answer> Paris ", "stop", true, "</answer>", Stops);
        Assert.Equal("<think>x</think><answer> Paris </answer>", text);
        Assert.Equal(CompletionFinish.StopString, finish);
    }

    [Fact]
    public void A_null_stop_reason_from_a_server_that_reports_it_means_end_of_sequence()
    {
        var (text, finish) = StopStringRecovery.Recover("<answer> Paris ", "stop", true, null, Stops);
        Assert.Equal("<answer> Paris ", text);
        Assert.Equal(CompletionFinish.EndOfSequence, finish);
    }

    [Fact]
    public void Without_a_stop_reason_the_last_unclosed_tag_tells_which_stop_fired()
    {
        var (text, finish) = StopStringRecovery.Recover("<answer> no </answer> wait <search> who", "stop", false, null, Stops);
        Assert.Equal("<answer> no </answer> wait <search> who</search>", text);
        Assert.Equal(CompletionFinish.StopString, finish);
    }

    [Fact]
    public void Without_a_stop_reason_and_no_open_tag_it_is_end_of_sequence()
    {
        var (text, finish) = StopStringRecovery.Recover("I do not know.", "stop", false, null, Stops);
        Assert.Equal("I do not know.", text);
        Assert.Equal(CompletionFinish.EndOfSequence, finish);
    }

    [Fact]
    public void A_length_finish_is_never_completed()
    {
        var (text, finish) = StopStringRecovery.Recover("<search> very long", "length", true, null, Stops);
        Assert.Equal("<search> very long", text);
        Assert.Equal(CompletionFinish.Length, finish);
    }
}

using SearchR1.Core.Protocol;

namespace SearchR1.Core.Tests.Protocol;

public class TrajectoryTests
{
    private static Trajectory TwoTurnRollout()
    {
        var trajectory = new Trajectory([101, 102, 103]);
        trajectory.AppendPolicy([11, 12], turn: 1, logProbs: [-0.5f, -1.5f]);
        trajectory.AppendObservation([900, 901, 902], turn: 1);
        trajectory.AppendPolicy([13], turn: 2, logProbs: [-0.25f]);
        return trajectory;
    }

    [Fact]
    public void Loss_mask_marks_exactly_the_policy_tokens()
    {
        Trajectory trajectory = TwoTurnRollout();
        Assert.Equal([0, 0, 0, 1, 1, 0, 0, 0, 1], trajectory.LossMask());
        Assert.Equal(3, trajectory.CountOf(TokenSource.Policy));
    }

    [Fact]
    public void Info_mask_zeroes_observation_tokens_and_keeps_the_prompt()
    {
        Trajectory trajectory = TwoTurnRollout();
        Assert.Equal([1, 1, 1, 1, 1, 0, 0, 0, 1], trajectory.InfoMask());
        Assert.Equal([1, 1, 0, 0, 0, 1], trajectory.ResponseInfoMask());
        Assert.Equal(trajectory.LossMask()[trajectory.PromptLength..], trajectory.ResponseInfoMask());
    }

    [Fact]
    public void Every_token_keeps_its_id_log_prob_and_turn()
    {
        Trajectory trajectory = TwoTurnRollout();
        Assert.Equal(9, trajectory.Count);
        Assert.Equal(3, trajectory.PromptLength);
        Assert.Equal(6, trajectory.ResponseLength);
        Assert.Equal([11, 12, 900, 901, 902, 13], trajectory.ResponseTokenIds());
        Assert.Equal([101, 102, 103], trajectory.PromptTokenIds());
        Assert.Equal([0, 0, 0, 1, 1, 1, 1, 1, 2], trajectory.Turns);
        float[] logProbs = trajectory.ResponseLogProbs();
        Assert.Equal(-0.5f, logProbs[0]);
        Assert.Equal(-1.5f, logProbs[1]);
        Assert.True(float.IsNaN(logProbs[2]));
        Assert.Equal(-0.25f, logProbs[5]);
        Assert.True(float.IsNaN(trajectory.LogProbs[0]));
        Assert.Equal(2, trajectory.LastTurn);
    }

    [Fact]
    public void Segments_are_maximal_runs_of_one_source_and_turn()
    {
        Assert.Equal(
            [
                new TrajectorySegment(TokenSource.Prompt, 0, 0, 3),
                new TrajectorySegment(TokenSource.Policy, 1, 3, 2),
                new TrajectorySegment(TokenSource.Observation, 1, 5, 3),
                new TrajectorySegment(TokenSource.Policy, 2, 8, 1),
            ],
            TwoTurnRollout().Segments());
    }

    [Fact]
    public void Policy_tokens_without_log_probs_are_recorded_as_not_sampled()
    {
        var trajectory = new Trajectory([1]);
        trajectory.AppendPolicy([2, 3], turn: 1);
        Assert.All(trajectory.ResponseLogProbs(), value => Assert.True(float.IsNaN(value)));
        Assert.Equal([0, 1, 1], trajectory.LossMask());
    }

    [Fact]
    public void Mismatched_log_probs_and_turns_going_back_are_rejected()
    {
        var trajectory = new Trajectory([1]);
        Assert.Throws<ArgumentException>(() => trajectory.AppendPolicy([2, 3], turn: 1, logProbs: [-1f]));
        trajectory.AppendPolicy([2], turn: 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => trajectory.AppendObservation([5], turn: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => trajectory.AppendPolicy([5], turn: 0));
    }
}

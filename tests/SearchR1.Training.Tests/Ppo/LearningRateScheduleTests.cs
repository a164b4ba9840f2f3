using SearchR1.Training.Ppo;

namespace SearchR1.Training.Tests.Ppo;

public class LearningRateScheduleTests
{
    [Fact]
    public void The_first_update_has_lr_zero_then_it_warms_up_linearly_and_stays_constant()
    {
        // The paper's actor: 1e-6 with warm-up ratio 0.285 of 1005 steps = 286 warm-up steps.
        var schedule = new LearningRateSchedule(1e-6, 0.285, 1005);
        Assert.Equal(286, schedule.WarmupSteps);
        Assert.Equal(0.0, schedule.At(0));
        Assert.Equal(1e-6 * 143 / 286, schedule.At(143), 15);
        Assert.Equal(1e-6, schedule.At(286));
        Assert.Equal(1e-6, schedule.At(1004));
        Assert.Equal(1e-3, new LearningRateSchedule(1e-3, 0, 10).At(0)); // no warm-up: constant from the start
    }
}

namespace SearchR1.Training.Ppo;

/// <summary>
/// verl's constant schedule with linear warm-up, stepped once per training step: lr(s) = base · s / W for s &lt; W,
/// else base, with W = ⌊ratio · total steps⌋ and s counting from 0, so the very first update has lr = 0.
/// </summary>
public sealed record LearningRateSchedule(double BaseLr, double WarmupRatio, int TotalSteps)
{
    /// <summary>Warm-up length in training steps.</summary>
    public int WarmupSteps => (int)(WarmupRatio * TotalSteps);

    /// <summary>The learning rate of training step <paramref name="step"/> (0-based).</summary>
    public double At(int step) => step < WarmupSteps ? BaseLr * step / Math.Max(1, WarmupSteps) : BaseLr;
}

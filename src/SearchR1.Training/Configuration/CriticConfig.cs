namespace SearchR1.Training.Configuration;

/// <summary>The value model of PPO: the same base model with a new scalar head (SPEC §5.1).</summary>
public sealed record CriticConfig
{
    /// <summary>Model folder for the critic; empty = the actor's model.</summary>
    public string ModelPath { get; init; } = "";

    /// <summary>Value clip range.</summary>
    public double ClipRangeValue { get; init; } = 0.5;

    /// <summary>Trajectories per forward/backward of the critic.</summary>
    public int MicroBatchSize { get; init; } = 64;

    /// <summary>Precision policy, as for the actor.</summary>
    public string Precision { get; init; } = "fp32-master";

    /// <summary>Activation checkpointing for the critic.</summary>
    public bool GradientCheckpointing { get; init; } = true;
}

namespace SearchR1.Training.Configuration;

/// <summary>AdamW and the learning-rate schedule: linear warm-up from 0 (lr = 0 on the first update), then constant.</summary>
public sealed record OptimizerConfig
{
    /// <summary>Actor learning rate.</summary>
    public double ActorLr { get; init; } = 1e-6;

    /// <summary>Share of the total steps spent warming the actor's lr up.</summary>
    public double ActorWarmupRatio { get; init; } = 0.285;

    /// <summary>Critic learning rate.</summary>
    public double CriticLr { get; init; } = 1e-5;

    /// <summary>Share of the total steps spent warming the critic's lr up.</summary>
    public double CriticWarmupRatio { get; init; } = 0.015;

    /// <summary>AdamW β1.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW β2.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>AdamW ε.</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>Decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Clip the global gradient norm to this value.</summary>
    public double GradClip { get; init; } = 1.0;
}

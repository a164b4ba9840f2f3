namespace SearchR1.Training.Configuration;

/// <summary>Advantage estimator, reward and KL placement (SPEC §4, §5.1–5.3).</summary>
public sealed record AlgorithmConfig
{
    /// <summary>gae (PPO with a critic) or grpo (group-normalised outcome, no critic).</summary>
    public string AdvEstimator { get; init; } = "gae";

    /// <summary>GAE discount γ.</summary>
    public double Gamma { get; init; } = 1.0;

    /// <summary>GAE λ.</summary>
    public double Lam { get; init; } = 1.0;

    /// <summary>Subtract β·KL(π_old ‖ π_ref) from the per-token reward (PPO: true; GRPO: false).</summary>
    public bool UseKlInReward { get; init; } = true;

    /// <summary>β of the KL in the reward (fixed controller).</summary>
    public double KlCoef { get; init; } = 0.001;

    /// <summary>Estimator of the KL in the reward: kl (k1), abs, mse, low_var_kl.</summary>
    public string KlPenalty { get; init; } = "kl";

    /// <summary>Zero the loss on retrieved (observation) tokens; false reproduces the paper's no-mask ablation.</summary>
    public bool MaskObservations { get; init; } = true;

    /// <summary>Reward function: em (default), f1 or format (v0.3 format reward).</summary>
    public string Reward { get; init; } = "em";

    /// <summary>Format reward: structure score (sfs).</summary>
    public double StructureFormatScore { get; init; } = 0.2;

    /// <summary>Format reward: final format score (ffs).</summary>
    public double FinalFormatScore { get; init; } = 0.1;

    /// <summary>Format reward: retrieval score (rs).</summary>
    public double RetrievalScore { get; init; }
}

namespace SearchR1.Training.Configuration;

/// <summary>The policy model and its update (verl <c>actor_rollout_ref.actor</c>, SPEC §5.1 / §5.3).</summary>
public sealed record ActorConfig
{
    /// <summary>A Hugging Face model folder (config.json, safetensors, tokenizer files).</summary>
    public string ModelPath { get; init; } = "";

    /// <summary>fp32-master (fp32 weights and optimiser, bf16 compute: the original) or bf16 (bf16 weights and optimiser states: fits a 7B on one GPU).</summary>
    public string Precision { get; init; } = "fp32-master";

    /// <summary>Recompute each decoder layer in the backward pass instead of keeping its activations.</summary>
    public bool GradientCheckpointing { get; init; } = true;

    /// <summary>Prompts per optimiser step (256; × rollout.n trajectories). One step per mini-batch.</summary>
    public int MiniBatchSize { get; init; } = 256;

    /// <summary>Trajectories per forward/backward (64); gradients accumulate over a mini-batch.</summary>
    public int MicroBatchSize { get; init; } = 64;

    /// <summary>Passes over the rollout batch per training step (1).</summary>
    public int PpoEpochs { get; init; } = 1;

    /// <summary>ε of the clipped surrogate.</summary>
    public double ClipRatio { get; init; } = 0.2;

    /// <summary>Weight of the entropy bonus.</summary>
    public double EntropyCoeff { get; init; } = 0.001;

    /// <summary>Add a KL-to-reference loss (GRPO: true).</summary>
    public bool UseKlLoss { get; init; }

    /// <summary>Weight of the KL loss.</summary>
    public double KlLossCoef { get; init; } = 0.001;

    /// <summary>Estimator of the KL loss: kl, abs, mse or low_var_kl.</summary>
    public string KlLossType { get; init; } = "low_var_kl";
}

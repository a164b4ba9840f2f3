namespace SearchR1.Training.Configuration;

/// <summary>The frozen reference policy (a copy of the initial actor) used by the KL terms.</summary>
public sealed record ReferenceConfig
{
    /// <summary>Weights dtype of the reference: bf16 (the original) or fp32.</summary>
    public string Dtype { get; init; } = "bf16";

    /// <summary>Trajectories per no-grad forward.</summary>
    public int MicroBatchSize { get; init; } = 64;
}

namespace SearchR1.Training.Configuration;

/// <summary>The run: length, device, validation and checkpoint cadence, outputs.</summary>
public sealed record TrainerConfig
{
    /// <summary>Training steps (1005 in the paper scripts).</summary>
    public int TotalSteps { get; init; } = 1005;

    /// <summary>Validate every this-many steps (0 = only before training and at the end).</summary>
    public int TestFreq { get; init; } = 50;

    /// <summary>Checkpoint every this-many steps (0 = only at the end).</summary>
    public int SaveFreq { get; init; } = 100;

    /// <summary>Validate before the first step.</summary>
    public bool ValBeforeTrain { get; init; } = true;

    /// <summary>Run folder: checkpoints/, metrics.jsonl, tensorboard/, curves.png, config.yaml.</summary>
    public string OutputDir { get; init; } = "runs/searchr1";

    /// <summary>Keep at most this many checkpoints (0 = all).</summary>
    public int MaxCheckpoints { get; init; } = 2;

    /// <summary>Seed of data order, sampling and new heads.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>auto, cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>CPU threads for libtorch (0 = its default). On a shared CPU one thread is often fastest.</summary>
    public int Threads { get; init; }

    /// <summary>Also write TensorBoard event files.</summary>
    public bool Tensorboard { get; init; } = true;
}

namespace SearchR1.Training.Configuration;

/// <summary>Where the questions come from and how they are batched (SPEC §1.2–1.3).</summary>
public sealed record DataConfig
{
    /// <summary>Training files: Search-R1 parquet or FlashRAG jsonl (mixed sources are concatenated in order).</summary>
    public List<string> TrainFiles { get; init; } = [];

    /// <summary>Held-out files for validation (same formats).</summary>
    public List<string> ValFiles { get; init; } = [];

    /// <summary>Prompts per training step (512); each is repeated rollout.n times. Incomplete last batches are dropped.</summary>
    public int TrainBatchSize { get; init; } = 512;

    /// <summary>Prompts per validation batch.</summary>
    public int ValBatchSize { get; init; } = 256;

    /// <summary>At most this many validation questions (0 = all), taken from the start of the files.</summary>
    public int ValMaxExamples { get; init; }

    /// <summary>Prompt template for files that carry only questions (FlashRAG jsonl): search-r1 or r1.</summary>
    public string PromptTemplate { get; init; } = "search-r1";

    /// <summary>Shuffle the training rows each epoch (seeded by trainer.seed).</summary>
    public bool Shuffle { get; init; } = true;
}

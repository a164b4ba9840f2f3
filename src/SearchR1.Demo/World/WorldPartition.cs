namespace SearchR1.Demo.World;

/// <summary>
/// Which part of the world an entity belongs to. Relations never cross partitions, so a question about a
/// <see cref="Test"/> entity has an answer that appears nowhere in the base model's pretraining text.
/// </summary>
public enum WorldPartition
{
    /// <summary>Entities the base model's pretraining text talks about (passages and example trajectories).</summary>
    Pretraining,

    /// <summary>Entities of the RL training questions: in the corpus, never in the pretraining text.</summary>
    Training,

    /// <summary>Entities of the held-out evaluation questions: in the corpus only.</summary>
    Test,
}

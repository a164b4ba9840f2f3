using SearchR1.Training.Checkpointing;
using SearchR1.Training.Configuration;

namespace SearchR1.Cli.Commands;

/// <summary>
/// How a trainer checkpoint's policy was trained to search, read from the checkpoint's config.yaml (beside its
/// actor folder). A policy trained on one passage per search reads three badly, so `ask` searches the way the
/// model was trained unless told otherwise.
/// </summary>
public sealed record CheckpointSearchSettings(int TopK, int MaxTurns, int MaxResponseTokens, string Source)
{
    /// <summary>The settings of the checkpoint that <paramref name="modelFolder"/> is the actor of; null for any other folder.</summary>
    public static CheckpointSearchSettings? Of(string modelFolder)
    {
        string path = CheckpointStore.ConfigBesideActor(modelFolder);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            TrainingConfig config = TrainingConfigLoader.Load(path);
            return new CheckpointSearchSettings(config.Retriever.TopK, config.Rollout.MaxTurns, config.Rollout.MaxResponseLength, path);
        }
        catch (TrainingConfigException)
        {
            // A config.yaml that is not a training config: the folder is not a trainer checkpoint.
            return null;
        }
    }
}

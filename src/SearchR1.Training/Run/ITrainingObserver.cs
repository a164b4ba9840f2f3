namespace SearchR1.Training.Run;

/// <summary>What a training run reports as it goes (the CLI draws progress from it; tests may record it).</summary>
public interface ITrainingObserver
{
    /// <summary>A line of information (models loaded, resumed from, …).</summary>
    void Message(string text) { }

    /// <summary>A training step finished.</summary>
    void StepCompleted(int step, int totalSteps, IReadOnlyDictionary<string, double> metrics) { }

    /// <summary>A validation finished (after <paramref name="step"/> training steps).</summary>
    void ValidationCompleted(int step, IReadOnlyDictionary<string, double> metrics) { }

    /// <summary>A checkpoint was written.</summary>
    void CheckpointSaved(int step, string folder) { }
}

/// <summary>Reports nothing.</summary>
public sealed class SilentObserver : ITrainingObserver
{
    public static SilentObserver Instance { get; } = new();
}

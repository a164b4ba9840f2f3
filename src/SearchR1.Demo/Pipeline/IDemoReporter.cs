using SearchR1.Demo.Base;

namespace SearchR1.Demo.Pipeline;

/// <summary>What the demo reports as it goes (the CLI draws live progress from it; tests may ignore it).</summary>
public interface IDemoReporter
{
    /// <summary>A stage begins ("world", "index", "base model", "evaluation before RL", "RL", …).</summary>
    void Stage(string name) { }

    /// <summary>A line of information.</summary>
    void Message(string text) { }

    void Pretraining(PretrainingProgress progress) { }

    /// <summary>An RL step finished, with its metrics (reward, searches, response length, …).</summary>
    void RlStep(int step, int totalSteps, IReadOnlyDictionary<string, double> metrics) { }

    /// <summary>Evaluation progress: questions done of total.</summary>
    void Evaluation(string label, int done, int total) { }
}

/// <summary>Reports nothing.</summary>
public sealed class SilentDemoReporter : IDemoReporter
{
    public static SilentDemoReporter Instance { get; } = new();
}

using SearchR1.Evaluation.Running;

namespace SearchR1.Demo.Pipeline;

/// <summary>What a demo run produced: the summary (also in summary.json), a sample trajectory, and where things are.</summary>
/// <param name="Example">A held-out question answered after RL (a correct two-hop one when there is one).</param>
public sealed record DemoResult(
    DemoSummary Summary,
    WorldFiles Files,
    EvalRecord? Example,
    string RunFolder,
    string TensorBoardFolder,
    string CurvesPng);

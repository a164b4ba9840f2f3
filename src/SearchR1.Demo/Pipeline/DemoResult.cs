using SearchR1.Evaluation.Running;

namespace SearchR1.Demo.Pipeline;

/// <summary>What a demo run produced: the summary (also in summary.json), a sample trajectory, and where things are.</summary>
/// <param name="Example">A held-out question answered after RL (a correct two-hop one when there is one).</param>
/// <param name="MaxResponseTokens">New tokens per turn the evaluations allowed (what `searchr1 eval --max-tokens` must repeat).</param>
/// <param name="TopK">Passages per search in the evaluations and RL (what `searchr1 eval --topk` and `ask --top-k` must repeat).</param>
public sealed record DemoResult(
    DemoSummary Summary,
    WorldFiles Files,
    EvalRecord? Example,
    string RunFolder,
    string TensorBoardFolder,
    string CurvesPng,
    int MaxResponseTokens,
    int TopK);

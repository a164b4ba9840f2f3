namespace SearchR1.Evaluation.Running;

/// <summary>Where a run stands: examples done out of the total (resumed ones included), and the running EM.</summary>
public sealed record EvalProgress(string Method, int Done, int Total, int Resumed, double RunningEm);

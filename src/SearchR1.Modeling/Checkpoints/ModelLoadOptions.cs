using static TorchSharp.torch;

namespace SearchR1.Modeling.Checkpoints;

/// <summary>
/// How to place a loaded model. <see cref="DType"/>: parameter dtype (null: the checkpoint's own);
/// <see cref="ComputeType"/>: activation dtype (null: same as the parameters). fp32 parameters with bf16
/// compute is the training setup (fp32 master weights); bf16 / bf16 is the rollout and reference setup.
/// </summary>
public sealed record ModelLoadOptions
{
    public Device? Device { get; init; }
    public ScalarType? DType { get; init; }
    public ScalarType? ComputeType { get; init; }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Transformer;

/// <summary>
/// Root-mean-square norm as Qwen2 and Llama compute it: the statistic in float32 whatever the compute
/// dtype, the result cast back before the learned scale is applied (so bf16 matches transformers bit for bit
/// in order of operations).
/// </summary>
public sealed class RmsNorm : nn.Module
{
    private readonly double _eps;

    public Parameter weight;

    public RmsNorm(long size, double eps, Device? device = null, ScalarType? dtype = null) : base(nameof(RmsNorm))
    {
        _eps = eps;
        weight = new Parameter(ones(size, dtype: dtype, device: device));
        RegisterComponents();
    }

    public Tensor forward(Tensor x, ScalarType computeType)
    {
        using var scope = NewDisposeScope();
        Tensor x32 = x.to(ScalarType.Float32);
        Tensor normed = x32 * (x32.pow(2).mean([-1L], keepdim: true) + _eps).rsqrt();
        return (Precision.Cast(weight, computeType) * normed.to(x.dtype)).MoveToOuterDisposeScope();
    }
}

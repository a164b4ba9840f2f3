using SearchR1.Modeling.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SearchR1.Modeling.Transformer;

/// <summary>
/// The SwiGLU feed-forward block: down(silu(gate(x)) * up(x)). gate and up are one fused projection
/// (<c>gate_up_proj</c>, gate rows first); checkpoints keep transformers' separate keys.
/// </summary>
public sealed class SwiGluMlp : nn.Module
{
    public Linear gate_up_proj;
    public Linear down_proj;

    public SwiGluMlp(ModelConfig config, Device? device = null, ScalarType? dtype = null) : base(nameof(SwiGluMlp))
    {
        gate_up_proj = nn.Linear(config.HiddenSize, 2L * config.IntermediateSize, hasBias: config.MlpBias, device: device, dtype: dtype);
        down_proj = nn.Linear(config.IntermediateSize, config.HiddenSize, hasBias: config.MlpBias, device: device, dtype: dtype);
        RegisterComponents();
    }

    public Tensor forward(Tensor x, ScalarType computeType)
    {
        Tensor[] gateUp = F.linear(x, Precision.Cast(gate_up_proj.weight, computeType), Precision.CastOrNull(gate_up_proj.bias, computeType)).chunk(2, dim: -1);
        return F.linear(F.silu(gateUp[0]) * gateUp[1], Precision.Cast(down_proj.weight, computeType), Precision.CastOrNull(down_proj.bias, computeType));
    }
}

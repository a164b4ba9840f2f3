using SearchR1.Modeling.Configuration;
using TorchSharp;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Transformer;

/// <summary>One pre-norm decoder block: x + attention(norm(x)), then + mlp(norm(·)).</summary>
public sealed class DecoderLayer : nn.Module
{
    public Attention self_attn;
    public SwiGluMlp mlp;
    public RmsNorm input_layernorm;
    public RmsNorm post_attention_layernorm;

    public DecoderLayer(ModelConfig config, int index, Device? device = null, ScalarType? dtype = null) : base(nameof(DecoderLayer))
    {
        self_attn = new Attention(config, index, device, dtype);
        mlp = new SwiGluMlp(config, device, dtype);
        input_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, device, dtype);
        post_attention_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, device, dtype);
        RegisterComponents();
    }

    public Tensor forward(Tensor x, ForwardContext context)
    {
        Tensor h = x + self_attn.forward(input_layernorm.forward(x, context.ComputeType), context);
        return h + mlp.forward(post_attention_layernorm.forward(h, context.ComputeType), context.ComputeType);
    }
}

using SearchR1.Modeling.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SearchR1.Modeling.Transformer;

/// <summary>
/// Grouped-query self-attention with rotary positions. q, k and v come from one fused projection
/// (<c>qkv_proj</c>: one kernel instead of three; checkpoints keep transformers' separate q/k/v keys, see
/// <see cref="Checkpoints.WeightMap"/>). Attention is PyTorch's fused scaled-dot-product kernel; TorchSharp
/// has no <c>enable_gqa</c>, so key/value heads are shared with their query group here.
/// </summary>
public sealed class Attention : nn.Module
{
    private readonly int _layerIndex;
    private readonly long _heads;
    private readonly long _kvHeads;
    private readonly long _headDim;

    public Linear qkv_proj;
    public Linear o_proj;

    public Attention(ModelConfig config, int layerIndex, Device? device = null, ScalarType? dtype = null) : base(nameof(Attention))
    {
        _layerIndex = layerIndex;
        _heads = config.NumHeads;
        _kvHeads = config.NumKeyValueHeads;
        _headDim = config.HeadDim;
        long qkvSize = (_heads + 2 * _kvHeads) * _headDim;
        qkv_proj = nn.Linear(config.HiddenSize, qkvSize, hasBias: config.QkvBias, device: device, dtype: dtype);
        o_proj = nn.Linear(_heads * _headDim, config.HiddenSize, hasBias: config.OutputBias, device: device, dtype: dtype);
        RegisterComponents();
    }

    public Tensor forward(Tensor x, ForwardContext context)
    {
        long batch = x.shape[0], length = x.shape[1];
        ScalarType type = context.ComputeType;
        Tensor qkv = F.linear(x, Precision.Cast(qkv_proj.weight, type), Precision.CastOrNull(qkv_proj.bias, type));
        // Queries and keys are rotated together (one set of rotary kernels for both).
        Tensor qk = RotaryEmbedding.Apply(qkv.narrow(-1, 0, (_heads + _kvHeads) * _headDim).view(batch, length, _heads + _kvHeads, _headDim), context.Cos, context.Sin);
        Tensor q = qk.narrow(2, 0, _heads).transpose(1, 2);
        Tensor k = qk.narrow(2, _heads, _kvHeads).transpose(1, 2);
        Tensor v = qkv.narrow(-1, (_heads + _kvHeads) * _headDim, _kvHeads * _headDim).view(batch, length, _kvHeads, _headDim).transpose(1, 2);
        if (context.Cache is { } step)
        {
            (k, v) = step.Cache.Write(_layerIndex, k, v, step);
        }
        Tensor y = Attend(q, k, v, context);
        y = y.transpose(1, 2).reshape(batch, length, _heads * _headDim);
        return F.linear(y, Precision.Cast(o_proj.weight, type), Precision.CastOrNull(o_proj.bias, type));
    }

    /// <summary>q [B, H, T, D] against k, v [B, kvHeads, L, D].</summary>
    private Tensor Attend(Tensor q, Tensor k, Tensor v, ForwardContext context)
    {
        long group = _heads / _kvHeads;
        long batch = q.shape[0], length = q.shape[2];
        if (length == 1 && group > 1)
        {
            // Decoding one token: fold each query group into the query-length axis, so every query head
            // reads its shared key/value head in place. This avoids copying the whole cache `group` times
            // per layer per step, which dominates decode memory traffic at large batch.
            Tensor grouped = q.view(batch, _kvHeads, group, _headDim);
            Tensor output = F.scaled_dot_product_attention(grouped, k, v, attn_mask: context.Mask);
            return output.view(batch, _heads, 1, _headDim);
        }
        if (group > 1)
        {
            long keys = k.shape[2];
            k = k.unsqueeze(2).expand(batch, _kvHeads, group, keys, _headDim).reshape(batch, _heads, keys, _headDim);
            v = v.unsqueeze(2).expand(batch, _kvHeads, group, keys, _headDim).reshape(batch, _heads, keys, _headDim);
        }
        return F.scaled_dot_product_attention(q, k, v, attn_mask: context.Mask, is_casual: context.IsCausal && context.Mask is null);
    }
}

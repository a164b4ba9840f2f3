using static TorchSharp.torch;

namespace SearchR1.Modeling.Transformer;

/// <summary>Position ids and attention masks for padded batches (left or right padding).</summary>
public static class AttentionMasks
{
    /// <summary>
    /// Positions that count only real tokens: <c>clip(cumsum(mask) - 1, 0)</c>, as transformers and verl
    /// compute them. A left-padded row's first real token gets position 0.
    /// </summary>
    public static Tensor PositionIds(Tensor attentionMask) =>
        attentionMask.to(ScalarType.Int64).cumsum(-1).sub(1).clamp_min(0);

    /// <summary>
    /// Boolean [B, 1, T, T]: causal, and only real keys. Every query may also see itself, so a padding row
    /// is never fully masked (which gives NaN on some kernels); padding positions' outputs are ignored anyway.
    /// </summary>
    public static Tensor CausalWithPadding(Tensor attentionMask)
    {
        long length = attentionMask.shape[1];
        Device device = attentionMask.device;
        Tensor causal = ones(length, length, dtype: ScalarType.Bool, device: device).tril();
        Tensor realKeys = attentionMask.to(ScalarType.Bool).unsqueeze(1).unsqueeze(1);
        Tensor self = eye(length, dtype: ScalarType.Bool, device: device);
        return (causal & realKeys) | self;
    }
}

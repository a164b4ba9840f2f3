using static TorchSharp.torch;

namespace SearchR1.Modeling.Transformer;

/// <summary>
/// What every decoder layer shares in one forward call: the compute dtype, the rotary cos/sin for the
/// positions of this call, and how attention is masked (causal, an explicit boolean mask, and, when
/// decoding, where this call's keys and values go in the KV cache).
/// </summary>
public sealed class ForwardContext
{
    public required ScalarType ComputeType { get; init; }

    /// <summary>[B, T, 1, headDim] in the compute dtype.</summary>
    public required Tensor Cos { get; init; }

    /// <summary>[B, T, 1, headDim] in the compute dtype, first half negated (see <see cref="RotaryEmbedding.Angles"/>).</summary>
    public required Tensor Sin { get; init; }

    /// <summary>Boolean [B, 1, T, L], true where a query may attend a key; null when <see cref="IsCausal"/> suffices.</summary>
    public Tensor? Mask { get; init; }

    /// <summary>Plain causal attention over this call's own tokens (no padding, no cache).</summary>
    public bool IsCausal { get; init; }

    /// <summary>Set when this call reads and extends a KV cache.</summary>
    public CacheStep? Cache { get; init; }
}

/// <summary>
/// One call's use of the KV cache: the first <see cref="Rows"/> cache slots take part; token t of slot b is
/// written at column <c>WriteIndex[b, 0, t, 0]</c>; attention reads columns [0, <see cref="KeyLength"/>).
/// </summary>
public sealed record CacheStep(KvCache Cache, Tensor WriteIndex, int Rows, int KeyLength);

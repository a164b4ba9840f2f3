using SearchR1.Modeling.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Transformer;

/// <summary>
/// The transformer body shared by the language model and the value model (transformers' <c>model.*</c>
/// keys): token embedding, the decoder layers, the final norm. Returns the normed hidden states.
/// </summary>
public sealed class DecoderStack : nn.Module
{
    private readonly RotaryEmbedding _rotary;

    public TokenEmbedding embed_tokens;
    public ModuleList<DecoderLayer> layers;
    public RmsNorm norm;

    public DecoderStack(ModelConfig config, Device? device = null, ScalarType? dtype = null) : base(RuntimeGuard.Loaded(nameof(DecoderStack)))
    {
        embed_tokens = new TokenEmbedding(config.VocabSize, config.HiddenSize, device, dtype);
        layers = nn.ModuleList(Enumerable.Range(0, config.NumLayers).Select(i => new DecoderLayer(config, i, device, dtype)).ToArray());
        norm = new RmsNorm(config.HiddenSize, config.RmsNormEps, device, dtype);
        _rotary = new RotaryEmbedding(config);
        ComputeType = dtype ?? ScalarType.Float32;
        RegisterComponents();
    }

    /// <summary>The dtype activations are computed in; parameters are cast to it where used (fp32 master weights + bf16 compute).</summary>
    public ScalarType ComputeType { get; set; }

    /// <summary>Recompute each layer's activations in the backward pass instead of storing them (training only).</summary>
    public bool ActivationCheckpointing { get; set; }

    /// <summary>
    /// Hidden states [B, T, hidden] for a batch, with grad when enabled. <paramref name="attentionMask"/>
    /// [B, T] (1 real, 0 padding; left or right padding) may be null for unpadded input; position ids
    /// default to <see cref="AttentionMasks.PositionIds"/> of the mask.
    /// </summary>
    public Tensor Run(Tensor inputIds, Tensor? attentionMask = null, Tensor? positionIds = null)
    {
        long batch = inputIds.shape[0], length = inputIds.shape[1];
        Tensor positions = positionIds
            ?? (attentionMask is not null
                ? AttentionMasks.PositionIds(attentionMask)
                : arange(length, dtype: ScalarType.Int64, device: inputIds.device).unsqueeze(0).expand(batch, length));
        (Tensor cos, Tensor sin) = _rotary.Angles(positions, ComputeType);
        var context = new ForwardContext
        {
            ComputeType = ComputeType,
            Cos = cos,
            Sin = sin,
            Mask = attentionMask is null ? null : AttentionMasks.CausalWithPadding(attentionMask),
            IsCausal = attentionMask is null,
        };
        return forward(inputIds, context);
    }

    /// <summary>Hidden states for tokens at explicit positions that read and extend a KV cache (generation).</summary>
    public Tensor RunCached(Tensor inputIds, Tensor positions, Tensor mask, CacheStep step)
    {
        (Tensor cos, Tensor sin) = _rotary.Angles(positions, ComputeType);
        return forward(inputIds, new ForwardContext { ComputeType = ComputeType, Cos = cos, Sin = sin, Mask = mask, Cache = step });
    }

    public Tensor forward(Tensor inputIds, ForwardContext context)
    {
        Tensor x = embed_tokens.forward(inputIds, context.ComputeType);
        bool checkpoint = ActivationCheckpointing && context.Cache is null && is_grad_enabled();
        foreach (DecoderLayer layer in layers)
        {
            x = checkpoint
                ? ActivationCheckpoint.Run(x, h => layer.forward(h, context), layer.parameters())
                : layer.forward(x, context);
        }
        return norm.forward(x, context.ComputeType);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rotary.Dispose();
        }
        base.Dispose(disposing);
    }
}

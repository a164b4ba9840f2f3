using SearchR1.Modeling.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SearchR1.Modeling.Transformer;

/// <summary>
/// A Qwen2 / Llama causal language model (transformers' <c>Qwen2ForCausalLM</c> / <c>LlamaForCausalLM</c>):
/// the decoder stack and an output projection to the vocabulary. With tied embeddings the output projection
/// IS the embedding parameter (one tensor, one gradient), as in transformers.
/// </summary>
public sealed class CausalLanguageModel : nn.Module
{
    public DecoderStack model;
    public Linear? lm_head;

    public CausalLanguageModel(ModelConfig config, Device? device = null, ScalarType? dtype = null) : base(RuntimeGuard.Loaded(nameof(CausalLanguageModel)))
    {
        Config = config;
        model = new DecoderStack(config, device, dtype);
        lm_head = config.TieWordEmbeddings ? null : nn.Linear(config.HiddenSize, config.VocabSize, hasBias: false, device: device, dtype: dtype);
        RegisterComponents();
    }

    public ModelConfig Config { get; }

    public Device Device => model.embed_tokens.weight.device;

    /// <summary>The dtype of the parameters (the checkpoint's, or fp32 master weights).</summary>
    public ScalarType ParameterType => model.embed_tokens.weight.dtype;

    /// <summary>The dtype activations are computed in (see <see cref="DecoderStack.ComputeType"/>).</summary>
    public ScalarType ComputeType
    {
        get => model.ComputeType;
        set => model.ComputeType = value;
    }

    public bool ActivationCheckpointing
    {
        get => model.ActivationCheckpointing;
        set => model.ActivationCheckpointing = value;
    }

    /// <summary>The [vocab, hidden] output projection: lm_head's weight, or the embedding when tied.</summary>
    public Parameter OutputWeight => lm_head?.weight ?? model.embed_tokens.weight;

    /// <summary>Logits [B, T, vocab] for a (possibly padded) batch; see <see cref="DecoderStack.Run"/>.</summary>
    public Tensor forward(Tensor inputIds, Tensor? attentionMask = null, Tensor? positionIds = null) =>
        Logits(model.Run(inputIds, attentionMask, positionIds));

    /// <summary>Projects hidden states [..., hidden] to logits [..., vocab] in the compute dtype.</summary>
    public Tensor Logits(Tensor hidden) => F.linear(hidden, Precision.Cast(OutputWeight, ComputeType));

    /// <summary>Initialises every weight as transformers does for a fresh model: normal(0, std), biases 0, norms 1.</summary>
    public void InitializeRandom(double std = 0.02, Generator? generator = null) => WeightInit.Apply(this, std, generator);
}

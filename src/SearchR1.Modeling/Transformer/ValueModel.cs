using SearchR1.Modeling.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SearchR1.Modeling.Transformer;

/// <summary>
/// The PPO critic: the same decoder stack with a scalar head per token (transformers'
/// <c>AutoModelForTokenClassification</c> with one label, as verl builds the critic: keys <c>model.*</c>,
/// <c>score.weight</c>, <c>score.bias</c>). Values are computed in float32.
/// </summary>
public sealed class ValueModel : nn.Module
{
    public DecoderStack model;
    public Linear score;

    public ValueModel(ModelConfig config, Device? device = null, ScalarType? dtype = null) : base(RuntimeGuard.Loaded(nameof(ValueModel)))
    {
        Config = config;
        model = new DecoderStack(config, device, dtype);
        score = nn.Linear(config.HiddenSize, 1, hasBias: true, device: device, dtype: dtype);
        RegisterComponents();
    }

    public ModelConfig Config { get; }

    public Device Device => model.embed_tokens.weight.device;

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

    /// <summary>Values [B, T] (float32), one per position: the value of the state after reading that token.</summary>
    public Tensor forward(Tensor inputIds, Tensor? attentionMask = null, Tensor? positionIds = null)
    {
        Tensor hidden = model.Run(inputIds, attentionMask, positionIds);
        return F.linear(hidden, Precision.Cast(score.weight, ComputeType), Precision.Cast(score.bias!, ComputeType))
            .squeeze(-1).to(ScalarType.Float32);
    }

    /// <summary>A fresh critic's initialisation: normal(0, std) weights, zero biases, unit norms.</summary>
    public void InitializeRandom(double std = 0.02, Generator? generator = null) => WeightInit.Apply(this, std, generator);

    /// <summary>Re-initialises only the value head (what a critic built from a language-model checkpoint needs).</summary>
    public void InitializeHead(double std = 0.02, Generator? generator = null)
    {
        using var noGrad = no_grad();
        score.weight.normal_(0, std, generator: generator);
        score.bias!.zero_();
    }
}

using SearchR1.Modeling.Checkpoints;
using SearchR1.Modeling.Transformer;
using SearchR1.Training.Configuration;
using static TorchSharp.torch;

namespace SearchR1.Training.Ppo;

/// <summary>
/// The three models of a run: the actor (trained), the frozen reference (a copy of the initial actor, when a KL
/// term is on) and the critic (PPO: the base model with a new scalar head). Precision policies:
/// <c>fp32-master</c> keeps fp32 weights and optimiser states and computes in bf16 on CUDA (fp32 on CPU, where bf16
/// matmuls are slow); <c>bf16</c> keeps weights, optimiser states and compute in bf16.
/// </summary>
public sealed class TrainingModels : IDisposable
{
    private TrainingModels(CausalLanguageModel actor, CausalLanguageModel? reference, ValueModel? critic)
    {
        Actor = actor;
        Reference = reference;
        Critic = critic;
    }

    public CausalLanguageModel Actor { get; }

    public CausalLanguageModel? Reference { get; }

    public ValueModel? Critic { get; }

    /// <summary>
    /// Loads the models of <paramref name="config"/> on <paramref name="device"/>. <paramref name="actorFolder"/> and
    /// <paramref name="criticFolder"/> override where the trained weights come from (a checkpoint, on resume); the
    /// reference always comes from actor.model_path. <paramref name="seed"/> initialises a new value head.
    /// </summary>
    public static TrainingModels Load(TrainingConfig config, Device device, string? actorFolder = null, string? criticFolder = null, long seed = 1)
    {
        var actor = HfCheckpoint.LoadCausalLanguageModel(actorFolder ?? config.Actor.ModelPath, Options(config.Actor.Precision, device));
        actor.ActivationCheckpointing = config.Actor.GradientCheckpointing;

        CausalLanguageModel? reference = null;
        if (config.UsesReference)
        {
            ScalarType dtype = config.Reference.Dtype == "bf16" ? bfloat16 : float32;
            reference = HfCheckpoint.LoadCausalLanguageModel(config.Actor.ModelPath, new ModelLoadOptions { Device = device, DType = dtype, ComputeType = dtype });
            reference.eval();
            foreach (var parameter in reference.parameters())
            {
                parameter.requires_grad = false;
            }
        }

        ValueModel? critic = null;
        if (config.UsesCritic)
        {
            string folder = criticFolder ?? (string.IsNullOrEmpty(config.Critic.ModelPath) ? config.Actor.ModelPath : config.Critic.ModelPath);
            using var generator = new Generator((ulong)seed, device: CPU);
            critic = HfCheckpoint.LoadValueModel(folder, Options(config.Critic.Precision, device), generator);
            critic.ActivationCheckpointing = config.Critic.GradientCheckpointing;
        }
        return new TrainingModels(actor, reference, critic);
    }

    private static ModelLoadOptions Options(string precision, Device device) => precision switch
    {
        "bf16" => new ModelLoadOptions { Device = device, DType = bfloat16, ComputeType = bfloat16 },
        _ => new ModelLoadOptions { Device = device, DType = float32, ComputeType = device.type == TorchSharp.DeviceType.CUDA ? bfloat16 : float32 },
    };

    public void Dispose()
    {
        Actor.Dispose();
        Reference?.Dispose();
        Critic?.Dispose();
    }
}

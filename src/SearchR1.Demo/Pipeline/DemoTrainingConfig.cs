using SearchR1.Training.Configuration;

namespace SearchR1.Demo.Pipeline;

/// <summary>
/// The train.yaml of the demo's RL stage: the paper's PPO or GRPO preset (SPEC §5.1), scaled to a 0.5M-parameter
/// model on two CPU cores. Every change from the preset is here, with its reason; the file is written beside the
/// run so that <c>searchr1 train --config DIR/train.yaml</c> repeats the stage.
/// </summary>
public static class DemoTrainingConfig
{
    public static TrainingConfig For(DemoOptions options, WorldFiles files)
    {
        bool grpo = options.Algorithm == "grpo";
        TrainingConfig preset = grpo ? TrainingConfig.Grpo : TrainingConfig.Ppo;
        int group = grpo ? options.GroupSize : 1;
        return preset with
        {
            Data = preset.Data with
            {
                TrainFiles = [Path.GetFullPath(files.TrainQuestions)],
                ValFiles = [],
                TrainBatchSize = options.PromptsPerStep,
            },
            Actor = preset.Actor with
            {
                ModelPath = Path.GetFullPath(files.BaseModel),
                // Tiny activations: recomputing them would only cost time.
                GradientCheckpointing = false,
                // One optimiser step per RL step.
                MiniBatchSize = options.PromptsPerStep,
                // Eight sequences per forward/backward: the logits of all forty at once (40 × ~1,000 tokens × the
                // vocabulary, several copies in log-softmax and backward) took the process to 5 GB.
                MicroBatchSize = options.PromptsPerStep,
                // No entropy bonus. In a batch where no sample is rewarded every advantage is zero, and the bonus is
                // the only policy gradient left; tiny as it is (~1e-3), Adam normalises it into full learning-rate
                // steps on a 0.5M model: measured, entropy 1.3 → 3.0 and responses 240 → 440 tokens in 8 such steps.
                EntropyCoeff = 0,
            },
            Critic = preset.Critic with { GradientCheckpointing = false, MicroBatchSize = options.PromptsPerStep },
            // bf16 matmuls are slow on CPU; the reference is as small as the actor.
            Reference = preset.Reference with { Dtype = "fp32", MicroBatchSize = options.PromptsPerStep },
            Rollout = preset.Rollout with
            {
                N = group,
                MaxTurns = options.MaxTurns,
                // The demo's answers and searches are a few dozen tokens; 500 would let a rambling base burn minutes.
                MaxResponseLength = options.MaxResponseTokens,
                MaxStartLength = 1024,
                MaxPromptLength = 1024,
            },
            Retriever = new RetrieverConfig { Index = Path.GetFullPath(files.Index), TopK = options.TopK },
            Algorithm = preset.Algorithm with { MaskObservations = options.Masking },
            Optimizer = preset.Optimizer with
            {
                // 1e-6 suits 3B+ parameters; a 0.5M model needs steps a thousand times larger, and a short warm-up
                // because the run is only a hundred steps long.
                ActorLr = options.ActorLearningRate,
                ActorWarmupRatio = 0.1,
                CriticLr = options.ActorLearningRate * 2,
                CriticWarmupRatio = 0.05,
            },
            Trainer = preset.Trainer with
            {
                TotalSteps = options.Steps,
                // Evaluation before and after is the demo's own (held-out questions, both kinds).
                TestFreq = 0,
                ValBeforeTrain = false,
                SaveFreq = 0,
                MaxCheckpoints = 1,
                OutputDir = Path.GetFullPath(files.Run),
                Seed = options.Seed,
                Device = "cpu",
                Tensorboard = true,
            },
        };
    }
}

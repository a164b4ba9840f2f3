using SearchR1.Training.Configuration;
using SearchR1.Training.Ppo;

namespace SearchR1.Training.Tests.Support;

/// <summary>
/// The RL toy task: "Pick gold" must be answered "gold". The starting model answers with one of four colors about
/// uniformly, in the right format (mean reward ≈ 0.25); RL has to move the probability onto "gold".
/// </summary>
internal static class ToyTask
{
    public static TrainingPrompt[] Prompts(int copies) =>
        Enumerable.Range(0, copies * 4).Select(i => new TrainingPrompt(i, ToyModels.ColorPrompt("gold"), ["gold"], "toy")).ToArray();

    /// <summary>A small, fast configuration for the toy task (PPO, or GRPO when <paramref name="grpo"/>).</summary>
    public static TrainingConfig Config(string modelFolder, bool grpo, int steps, string outputDir = "")
    {
        var start = grpo ? TrainingConfig.Grpo : TrainingConfig.Ppo;
        return start with
        {
            Data = new DataConfig { TrainBatchSize = 8, ValBatchSize = 8, Shuffle = true },
            Actor = start.Actor with { ModelPath = modelFolder, MiniBatchSize = 4, MicroBatchSize = grpo ? 8 : 4, GradientCheckpointing = false },
            Critic = new CriticConfig { MicroBatchSize = 8, GradientCheckpointing = false },
            Reference = new ReferenceConfig { Dtype = "fp32", MicroBatchSize = 16 },
            Rollout = start.Rollout with { MaxTurns = 0, MaxResponseLength = 6, MaxStartLength = 64, MaxPromptLength = 128, N = grpo ? 4 : 1 },
            Optimizer = new OptimizerConfig { ActorLr = 3e-3, ActorWarmupRatio = 0, CriticLr = 1e-2, CriticWarmupRatio = 0 },
            Trainer = new TrainerConfig
            {
                TotalSteps = steps, Seed = 3, TestFreq = 0, SaveFreq = 0, ValBeforeTrain = true, Device = "cpu", Tensorboard = false,
                OutputDir = string.IsNullOrEmpty(outputDir) ? "unused" : outputDir,
            },
        };
    }
}

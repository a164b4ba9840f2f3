using SearchR1.Core.Rewards;
using SearchR1.Modeling.Tokenization;
using SearchR1.Torch;
using SearchR1.Training.Ppo;
using SearchR1.Training.Tests.Support;
using static TorchSharp.torch;

namespace SearchR1.Training.Tests.Ppo;

public sealed class PpoTrainerTests : IClassFixture<PpoTrainerTests.StartModel>
{
    /// <summary>The toy task's starting model, made once.</summary>
    public sealed class StartModel : IDisposable
    {
        public string Folder { get; } = ToyModels.RandomColorAnswerer(seed: 4);

        public void Dispose() => ToyModels.Delete(Folder);
    }

    private readonly StartModel _start;

    public PpoTrainerTests(StartModel start) => _start = start;

    private async Task<(double Before, double After, double FirstRewards, double LastRewards, List<Dictionary<string, double>> Steps)> Train(bool grpo, int steps)
    {
        TorchRuntime.EnsureLoaded();
        var config = ToyTask.Config(_start.Folder, grpo, steps);
        manual_seed(config.Trainer.Seed);
        var tokenizer = HfTokenizer.Load(_start.Folder);
        using var models = TrainingModels.Load(config, CPU, seed: config.Trainer.Seed);
        using var trainer = new PpoTrainer(config, models, tokenizer, retriever: null, RewardFunctions.Create("em"));
        var validation = ToyTask.Prompts(1);
        double before = (await trainer.ValidateAsync(validation))["val/test_score/mean"];
        var batches = new Training.Run.PromptBatches(ToyTask.Prompts(4), config.Data.TrainBatchSize, config.Trainer.Seed, shuffle: true);
        var history = new List<Dictionary<string, double>>();
        int epoch = 0, cursor = 0;
        for (int step = 0; step < steps; step++)
        {
            history.Add(await trainer.StepAsync(batches.Next(ref epoch, ref cursor), step));
        }
        double after = (await trainer.ValidateAsync(validation))["val/test_score/mean"];
        return (before, after, history.Take(3).Average(m => m["critic/score/mean"]), history.TakeLast(3).Average(m => m["critic/score/mean"]), history);
    }

    private static string Describe(List<Dictionary<string, double>> steps) => "\n" + string.Join("\n", steps.Select((m, i) =>
        $"step {i}: " + string.Join(" ", new[] { "critic/score/mean", "actor/pg_loss", "actor/grad_norm", "actor/lr", "actor/entropy", "critic/advantages/mean", "response_length/mean", "env/finish_ratio", "actor/pg_clipfrac" }
            .Where(m.ContainsKey).Select(k => $"{k}={m[k]:0.####}"))));

    [Fact]
    public async Task A_few_ppo_steps_raise_the_mean_reward_on_the_toy_task()
    {
        var (before, after, first, last, steps) = await Train(grpo: false, steps: 14);
        Assert.True(last > first + 0.3, $"mean reward went from {first:0.000} to {last:0.000}" + Describe(steps));
        Assert.True(after > before, $"greedy validation score went from {before:0.000} to {after:0.000}");
        Assert.All(steps, m => Assert.True(m.ContainsKey("critic/vf_loss") && m.ContainsKey("critic/kl")));
    }

    [Fact]
    public async Task A_few_grpo_steps_raise_the_mean_reward_on_the_toy_task()
    {
        var (before, after, first, last, steps) = await Train(grpo: true, steps: 10);
        Assert.True(last > first + 0.3, $"mean reward went from {first:0.000} to {last:0.000}" + Describe(steps));
        Assert.True(after > before, $"greedy validation score went from {before:0.000} to {after:0.000}");
        Assert.All(steps, m => Assert.True(m.ContainsKey("actor/kl_loss") && !m.ContainsKey("critic/vf_loss")));
    }
}

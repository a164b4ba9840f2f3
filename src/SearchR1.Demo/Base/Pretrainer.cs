using SearchR1.Modeling.Scoring;
using SearchR1.Modeling.Tokenization;
using SearchR1.Modeling.Transformer;
using TorchSharp;
using static TorchSharp.torch;

namespace SearchR1.Demo.Base;

/// <summary>One pretraining step's report.</summary>
public readonly record struct PretrainingProgress(int Step, int TotalSteps, double Loss, double LearningRate);

/// <summary>
/// Next-token training of the base model on example trajectories: the real model's forward with grad, AdamW,
/// gradient clipping, warm-up then cosine decay. Small on purpose: the RL trainer is where the real work is.
/// </summary>
public static class Pretrainer
{
    public static double Train(
        CausalLanguageModel model,
        HfTokenizer tokenizer,
        ExampleTrajectoryWriter writer,
        BaseModelOptions options,
        IProgress<PretrainingProgress>? progress = null,
        CancellationToken ct = default)
    {
        var random = new Random(options.Seed);
        var parameters = model.parameters().ToList();
        using var optimizer = optim.AdamW(parameters, lr: options.LearningRate, beta1: 0.9, beta2: 0.95, weight_decay: 0.01);
        model.train();
        double lastLoss = double.NaN;
        for (int step = 0; step < options.Steps; step++)
        {
            ct.ThrowIfCancellationRequested();
            double lr = LearningRateAt(step, options);
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = lr;
            }
            var samples = Enumerable.Range(0, options.BatchSize).Select(_ => writer.Next(random)).ToList();
            PretrainingBatch batch = PretrainingBatch.Encode(samples, tokenizer, options.MaxPositions);

            using var scope = NewDisposeScope();
            var (ids, attention, lossMask) = batch.ToTensors(model.Device);
            var (logProbs, _) = TokenLogProbs.OfSequences(model, ids, attention);
            Tensor labelMask = lossMask.narrow(1, 1, batch.Width - 1);
            Tensor loss = -(logProbs * labelMask).sum() / labelMask.sum().clamp_min(1);
            optimizer.zero_grad();
            loss.backward();
            nn.utils.clip_grad_norm_(parameters, 1.0);
            optimizer.step();
            lastLoss = loss.item<float>();
            progress?.Report(new PretrainingProgress(step + 1, options.Steps, lastLoss, lr));
        }
        model.eval();
        return lastLoss;
    }

    private static double LearningRateAt(int step, BaseModelOptions options)
    {
        if (step < options.WarmupSteps)
        {
            return options.LearningRate * (step + 1) / options.WarmupSteps;
        }
        double progress = (double)(step - options.WarmupSteps) / Math.Max(1, options.Steps - options.WarmupSteps);
        return options.LearningRate * (0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}

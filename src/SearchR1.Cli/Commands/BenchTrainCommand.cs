using System.CommandLine;
using System.Globalization;
using SearchR1.Torch;
using SearchR1.Training.Bench;

namespace SearchR1.Cli.Commands;

/// <summary><c>searchr1 bench train</c>: seconds per phase of a training step (no rollout) on random weights.</summary>
internal static class BenchTrainCommand
{
    public static Command Create()
    {
        var shape = new Option<string>("--shape") { Description = "Model shape: tiny, qwen2.5-0.5b, qwen2.5-3b, qwen2.5-7b, llama3.2-3b, …", DefaultValueFactory = _ => "tiny" };
        var batch = new Option<int>("--batch") { Description = "Trajectories per step.", DefaultValueFactory = _ => 8 };
        var prompt = new Option<int>("--prompt-length") { Description = "Prompt tokens per trajectory.", DefaultValueFactory = _ => 256 };
        var response = new Option<int>("--response-length") { Description = "Response tokens per trajectory (a quarter observation tokens).", DefaultValueFactory = _ => 768 };
        var micro = new Option<int>("--micro-batch") { Description = "Trajectories per forward/backward.", DefaultValueFactory = _ => 8 };
        var precision = new Option<string>("--precision") { Description = "bf16 (bf16 weights and optimiser states) or fp32-master.", DefaultValueFactory = _ => "bf16" };
        var noCheckpointing = new Option<bool>("--no-checkpointing") { Description = "Keep activations instead of recomputing them." };
        var grpo = new Option<bool>("--grpo") { Description = "No critic (GRPO)." };
        var steps = new Option<int>("--steps") { Description = "Measured steps after one warm-up step.", DefaultValueFactory = _ => 3 };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda, cuda:N.", DefaultValueFactory = _ => "auto" };
        var threads = new Option<int>("--threads") { Description = "CPU threads for libtorch (0 = its default).", DefaultValueFactory = _ => 0 };
        var command = new Command("train",
            "Time one PPO/GRPO training step without the rollout (old log-probs, reference, values, critic and actor updates) " +
            "on random weights.\n\nExample:\n  searchr1 bench train --shape qwen2.5-3b --batch 8 --prompt-length 256 --response-length 768 --device cuda");
        foreach (var option in new Option[] { shape, batch, prompt, response, micro, precision, noCheckpointing, grpo, steps, device, threads })
        {
            command.Options.Add(option);
        }
        command.SetAction(parseResult =>
        {
            var options = new TrainStepBenchmarkOptions(parseResult.GetValue(shape)!, parseResult.GetValue(batch), parseResult.GetValue(prompt),
                parseResult.GetValue(response), parseResult.GetValue(micro), parseResult.GetValue(precision)!, !parseResult.GetValue(noCheckpointing),
                !parseResult.GetValue(grpo), parseResult.GetValue(steps));
            var resolved = TorchRuntime.ResolveDevice(parseResult.GetValue(device));
            if (parseResult.GetValue(threads) > 0)
            {
                TorchSharp.torch.set_num_threads(parseResult.GetValue(threads));
            }
            var result = TrainStepBenchmark.Run(options, resolved, Console.Error.WriteLine);
            foreach (var (phase, seconds) in result.SecondsPerPhase)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{phase,-14} {seconds,8:0.000} s"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tokens/s       {result.TokensPerSecond,8:0}"));
            return 0;
        });
        return command;
    }
}

using SearchR1.Core.Protocol;
using SearchR1.Modeling.Checkpoints;
using SearchR1.Modeling.Configuration;
using SearchR1.Modeling.Tokenization;
using SearchR1.Modeling.Transformer;
using SearchR1.TestSupport;
using SearchR1.Torch;
using SearchR1.Training.Algorithms;
using SearchR1.Training.Ppo;
using static TorchSharp.torch;

namespace SearchR1.Training.Tests.Support;

/// <summary>
/// Tiny Qwen2 models for training tests, made with the real code: TinyModels writes the tokenizer and config,
/// the model is initialised at random, optionally taught a response by a few supervised steps (the same
/// forward and log-prob code the trainer uses), and saved as a Hugging Face folder.
/// </summary>
internal static class ToyModels
{
    /// <summary>Words that become single tokens: the protocol tags' pieces and the toy answers.</summary>
    public static readonly string[] Words = ["answer", "search", "</", " </", "information", "red", "blue", "green", "gold", " paris", "Pick"];

    /// <summary>The toy answers (not articles, so normalisation keeps them).</summary>
    public static readonly string[] Colors = ["red", "blue", "green", "gold"];

    /// <summary>
    /// The toy prompt for a color question. It holds one example answer, as the real template holds two: the reward
    /// takes the last &lt;answer&gt; only when there are at least two.
    /// </summary>
    public static string ColorPrompt(string color) => $"<answer>q</answer> Pick {color}\n<answer>";

    /// <summary>A random tiny model folder (tokenizer, config.json, model.safetensors).</summary>
    public static string Random(int seed = 1, bool chatTemplate = false)
    {
        TorchRuntime.EnsureLoaded();
        string folder = TinyModels.TemporaryFolder("searchr1-training-model");
        TinyModels.WriteQwen2Folder(folder, chatTemplate, Words, hiddenSize: 32, layers: 2, heads: 4, kvHeads: 2, intermediateSize: 64);
        using var model = new CausalLanguageModel(ModelConfig.Load(folder), CPU, float32);
        using var generator = new Generator((ulong)seed, device: CPU);
        model.InitializeRandom(generator: generator);
        HfCheckpoint.Save(model, folder);
        return folder;
    }

    /// <summary>
    /// A tiny model taught, by supervised steps, to answer <paramref name="responses"/>(prompt) after each prompt
    /// (a function, so that a response can be drawn at random per example).
    /// </summary>
    public static string Taught(IReadOnlyList<string> prompts, Func<int, string, string> response, int steps, int seed = 1, double lr = 1e-2)
    {
        string folder = Random(seed);
        var tokenizer = HfTokenizer.Load(folder);
        using var model = HfCheckpoint.LoadCausalLanguageModel(folder, new ModelLoadOptions { Device = CPU, DType = float32 });
        using var optimizer = optim.Adam(model.parameters(), lr);
        var random = new Random(seed);
        for (int step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            var trajectories = prompts.Select(p =>
            {
                var t = new Trajectory(tokenizer.Encode(p));
                t.AppendPolicy(tokenizer.Encode(response(random.Next(), p)), 1);
                return t;
            }).ToArray();
            var batch = TrajectoryBatch.From(trajectories, tokenizer.PadTokenId, CPU);
            var micro = batch.Slice(0, batch.Count);
            var logProbs = CoreAlgos.LogProbsFromLogits(SequenceScorer.ResponseLogits(model, micro, 1.0), micro.Responses);
            var loss = -CoreAlgos.MaskedMean(logProbs, micro.ResponseMask);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        HfCheckpoint.Save(model, folder);
        return folder;
    }

    /// <summary>A model that answers the color prompts with a uniformly random color (the RL toy task's start).</summary>
    public static string RandomColorAnswerer(int seed = 1) =>
        Taught(Colors.SelectMany(c => Enumerable.Repeat(ColorPrompt(c), 4)).ToArray(),
            (draw, _) => Colors[draw % Colors.Length] + "</answer>", steps: 120, seed: seed);

    /// <summary>Deletes a temporary folder, ignoring a folder already gone.</summary>
    public static void Delete(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

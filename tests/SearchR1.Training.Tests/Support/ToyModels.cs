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
        // The checkpoint writer replaces its target folder: write tokenizer and config aside, then save the model
        // with the tokenizer files added into the same folder.
        string spec = TinyModels.TemporaryFolder("searchr1-training-spec");
        string folder = TinyModels.TemporaryFolder("searchr1-training-model");
        TinyModels.WriteQwen2Folder(spec, chatTemplate, Words, hiddenSize: 32, layers: 2, heads: 4, kvHeads: 2, intermediateSize: 64);
        using var model = new CausalLanguageModel(ModelConfig.Load(spec), CPU, float32);
        using var generator = new Generator((ulong)seed, device: CPU);
        model.InitializeRandom(generator: generator);
        HfCheckpoint.Save(model, folder, new SaveOptions { AddFiles = HfTokenizer.Load(spec).Save });
        Delete(spec);
        return folder;
    }

    /// <summary>
    /// A tiny model taught, by full-batch supervised steps, to continue each prompt of <paramref name="examples"/>
    /// with its response (a prompt listed with several responses learns to spread its probability over them).
    /// </summary>
    public static string Taught(IReadOnlyList<(string Prompt, string Response)> examples, int steps, int seed = 1, double lr = 1e-2)
    {
        string folder = Random(seed);
        var tokenizer = HfTokenizer.Load(folder);
        using var model = HfCheckpoint.LoadCausalLanguageModel(folder, new ModelLoadOptions { Device = CPU, DType = float32 });
        using var optimizer = optim.Adam(model.parameters(), lr);
        var trajectories = examples.Select(e =>
        {
            var t = new Trajectory(tokenizer.Encode(e.Prompt));
            t.AppendPolicy(tokenizer.Encode(e.Response), 1);
            return t;
        }).ToArray();
        for (int step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            var batch = TrajectoryBatch.From(trajectories, tokenizer.PadTokenId, CPU);
            var micro = batch.Slice(0, batch.Count);
            var logProbs = CoreAlgos.LogProbsFromLogits(SequenceScorer.ResponseLogits(model, micro, 1.0), micro.Responses);
            var loss = -CoreAlgos.MaskedMean(logProbs, micro.ResponseMask);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        HfCheckpoint.Save(model, folder, new SaveOptions { AddFiles = tokenizer.Save });
        return folder;
    }

    /// <summary>
    /// The RL toy task's start: after <see cref="ColorPrompt"/>("gold") it answers each of the four colors with
    /// probability about 1/4, in the right format (mean EM ≈ 0.25).
    /// </summary>
    public static string RandomColorAnswerer(int seed = 1) =>
        Taught(Colors.Select(c => (ColorPrompt("gold"), c + "</answer>")).ToArray(), steps: 60, seed: seed);

    /// <summary>Deletes a temporary folder, ignoring a folder already gone.</summary>
    public static void Delete(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

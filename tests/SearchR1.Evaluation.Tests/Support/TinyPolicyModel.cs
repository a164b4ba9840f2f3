using SearchR1.Modeling.Checkpoints;
using SearchR1.Modeling.Configuration;
using SearchR1.Modeling.Transformer;
using SearchR1.TestSupport;
using SearchR1.Torch;
using static TorchSharp.torch;

namespace SearchR1.Evaluation.Tests.Support;

/// <summary>
/// A tiny random Qwen2 model folder (ChatML template, protocol tags as single tokens) written by the real model
/// code, so the evaluation runs the real loader, tokenizer, generation and chat template end to end.
/// </summary>
public static class TinyPolicyModel
{
    private static readonly string[] Words =
        ["<search>", "</search>", "<answer>", "</answer>", "<think>", "</think>", " Paris", " the", " capital", " of", " France"];

    public static string Create(long seed = 11)
    {
        string folder = TinyModels.TemporaryFolder("searchr1-eval-model-");
        TinyModels.WriteQwen2Folder(folder, withChatTemplate: true, words: Words, hiddenSize: 32, layers: 2, heads: 4, kvHeads: 2, intermediateSize: 48);
        TorchRuntime.EnsureLoaded();
        ModelConfig config = ModelConfig.Load(folder);
        using var model = new CausalLanguageModel(config, CPU, ScalarType.Float32);
        model.InitializeRandom(0.2, new Generator((ulong)seed));
        // Saving replaces the folder as a whole (written atomically), so the tokenizer files go in afterwards.
        HfCheckpoint.Save(model, folder);
        TinyModels.WriteQwen2Tokenizer(folder, withChatTemplate: true, words: Words);
        return folder;
    }
}

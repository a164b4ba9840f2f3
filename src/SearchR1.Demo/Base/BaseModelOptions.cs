namespace SearchR1.Demo.Base;

/// <summary>
/// The base model recipe: a tiny Qwen2 (the real architecture, scaled down), its tokenizer, and how long to
/// pretrain it on generated text.
/// </summary>
/// <param name="VocabularySize">BPE vocabulary target (bytes + merges; the special token comes on top).</param>
/// <param name="HiddenSize">d_model.</param>
/// <param name="Layers">Decoder layers.</param>
/// <param name="Heads">Attention heads (head size = hidden / heads).</param>
/// <param name="KeyValueHeads">Key/value heads (grouped-query attention, as Qwen2).</param>
/// <param name="IntermediateSize">MLP width.</param>
/// <param name="MaxPositions">Longest sequence the model is configured for.</param>
/// <param name="Steps">Pretraining optimiser steps.</param>
/// <param name="BatchSize">Samples per step.</param>
/// <param name="LearningRate">Peak AdamW learning rate (linear warm-up, then cosine decay to a tenth).</param>
/// <param name="WarmupSteps">Warm-up steps.</param>
/// <param name="Seed">Seed of the initial weights and of the sample order.</param>
public sealed record BaseModelOptions(
    int VocabularySize = 2048,
    int HiddenSize = 128,
    int Layers = 2,
    int Heads = 4,
    int KeyValueHeads = 2,
    int IntermediateSize = 384,
    int MaxPositions = 1024,
    int Steps = 10000,
    int BatchSize = 8,
    double LearningRate = 3e-3,
    int WarmupSteps = 50,
    int Seed = 11)
{
    /// <summary>A smaller, shorter recipe for the CI end-to-end test (learns little; proves the pipeline).</summary>
    public static BaseModelOptions Fast { get; } = new(
        VocabularySize: 700, HiddenSize: 64, Layers: 2, Heads: 4, KeyValueHeads: 2, IntermediateSize: 128,
        Steps: 20, BatchSize: 8, WarmupSteps: 5);
}

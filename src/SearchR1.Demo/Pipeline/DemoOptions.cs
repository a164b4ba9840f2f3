using SearchR1.Demo.Base;
using SearchR1.Demo.World;

namespace SearchR1.Demo.Pipeline;

/// <summary>Everything `searchr1 demo` decides: the world, the base recipe, and the RL stage.</summary>
/// <param name="OutputFolder">Where the corpus, index, questions, base model, train.yaml, run and summary go.</param>
/// <param name="Algorithm">grpo (default: the best EM here, 0.99 / 0.94 against PPO's 0.96 / 0.88) or ppo (a fifth of the rollouts,
/// so about three times faster).</param>
/// <param name="Steps">RL steps.</param>
/// <param name="Masking">Mask retrieved tokens out of the policy loss (false: the paper's no-mask ablation).</param>
/// <param name="PromptsPerStep">Questions per RL step (each sampled <paramref name="GroupSize"/> times with GRPO).</param>
/// <param name="GroupSize">GRPO samples per question (PPO always 1).</param>
/// <param name="ActorLearningRate">RL learning rate (far above the paper's 1e-6, which suits 3B+ models, not 0.5M;
/// 5e-4 learnt faster but garbled the copies it learnt from: 0.53 / 0.51 EM after 100 steps, against 0.70 / 0.55 at
/// 2.5e-4 with the same base, docs/PERFORMANCE.md).</param>
/// <param name="TopK">Passages per search (<see cref="DefaultTopK"/>).</param>
/// <param name="MaxTurns">Searches allowed per question.</param>
/// <param name="MaxResponseTokens">New tokens per turn.</param>
/// <param name="Threads">libtorch threads. One by default: the model is so small that per-operation overhead
/// dominates, and under any other load OpenMP threads spin against each other (measured: 5 ms vs 162 ms per
/// decode step, docs/PERFORMANCE.md).</param>
/// <param name="RebuildBase">Pretrain the base here even when the shipped one was made from the same recipe.</param>
public sealed record DemoOptions(
    string OutputFolder,
    WorldOptions World,
    BaseModelOptions BaseModel,
    BaseBehaviour Behaviour,
    string Algorithm = "grpo",
    int Steps = 100,
    bool Masking = true,
    int PromptsPerStep = 8,
    int GroupSize = 5,
    double ActorLearningRate = 2.5e-4,
    int TopK = DemoOptions.DefaultTopK,
    int MaxTurns = 4,
    int MaxResponseTokens = 64,
    int Threads = 1,
    int Seed = 1,
    bool RebuildBase = false)
{
    /// <summary>
    /// One passage per search, not the paper's three. With three, the passages beside the answer's state the same
    /// relation about other entities (namesakes, works with similar titles), and a model of half a million
    /// parameters cannot tell which one is about its entity: the base read the answer after a right search 56 % of
    /// the time with three passages and 100 % with one (docs/PERFORMANCE.md, Demo). Learning to search is what the
    /// demo shows; `--top-k 3` runs it the paper's way.
    /// </summary>
    public const int DefaultTopK = 1;

    /// <summary>The full demo (about three minutes on two cores).</summary>
    public static DemoOptions Default(string outputFolder) =>
        new(outputFolder, new WorldOptions(), new BaseModelOptions(), new BaseBehaviour());

    /// <summary>A few steps on a small world: proves the pipeline end to end (CI), learns little.</summary>
    public static DemoOptions Fast(string outputFolder) =>
        new(outputFolder, WorldOptions.Fast, BaseModelOptions.Fast, new BaseBehaviour(), Steps: 2, PromptsPerStep: 4, GroupSize: 2);
}

using SearchR1.Core.Protocol;
using SearchR1.Demo.World;
using SearchR1.Modeling.Checkpoints;
using SearchR1.Modeling.Tokenization;
using SearchR1.Modeling.Transformer;
using SearchR1.Retrieval;
using static TorchSharp.torch;

namespace SearchR1.Demo.Base;

/// <summary>How well a base reads, in one way of laying the sample out.</summary>
/// <param name="Layout">"trajectory" (a right search; the answer's passage is usually first) or "reading" (a reading
/// exercise; the passages shuffled).</param>
/// <param name="Questions">Single-hop questions probed.</param>
/// <param name="ValueProbability">Mean probability of the answer's first token where the thought restates the fact.</param>
/// <param name="ValueAccuracy">Share of questions where that token is the arg-max.</param>
public sealed record ReadingProbeResult(string Layout, int Questions, double ValueProbability, double ValueAccuracy);

/// <summary>
/// Measures the one skill RL cannot supply: reading the answer out of the passages. Teacher-forced on the
/// pretraining writer's own samples (single-hop questions of the pretraining partition, a right search), it asks
/// how likely the base finds the answer's first token right after the passages, where the thought restates the
/// fact. A base whose loss looks fine can still score near zero here, and then no RL sample is ever rewarded.
/// </summary>
public static class ReadingProbe
{
    /// <summary>Probes <paramref name="modelFolder"/> on the world of <paramref name="worldOptions"/>, searched through <paramref name="indexFolder"/>.</summary>
    public static async Task<IReadOnlyList<ReadingProbeResult>> RunAsync(
        WorldOptions worldOptions, string indexFolder, int topK, string modelFolder, int questions = 75, CancellationToken ct = default)
    {
        SearchR1.Torch.TorchRuntime.EnsureLoaded();
        SyntheticWorld world = WorldGenerator.Generate(worldOptions);
        using IRetriever retriever = RetrieverFactory.Open(indexFolder);
        return await RunAsync(world, retriever, topK, modelFolder, questions, ct: ct);
    }

    public static async Task<IReadOnlyList<ReadingProbeResult>> RunAsync(
        SyntheticWorld world, IRetriever retriever, int topK, string modelFolder, int questions = 75, int seed = 123,
        CancellationToken ct = default)
    {
        var behaviour = new BaseBehaviour(SearchRight: 1, SearchWrong: 0, ContinueRight: 1);
        ExampleTrajectoryWriter writer = await BaseModelRecipe.CreateWriterAsync(world, retriever, topK, behaviour, ct);
        HfTokenizer tokenizer = HfTokenizer.Load(modelFolder);
        using CausalLanguageModel model = HfCheckpoint.LoadCausalLanguageModel(modelFolder);
        model.eval();
        var random = new Random(seed);
        var sample = QuestionGenerator.AllQuestions(world, WorldPartition.Pretraining)
            .Where(q => q.Kind == QuestionKind.SingleHop)
            .OrderBy(_ => random.Next())
            .Take(questions)
            .ToList();
        var results = new List<ReadingProbeResult>();
        foreach (string layout in new[] { "trajectory", "reading" })
        {
            double probability = 0, hits = 0;
            foreach (WorldQuestion question in sample)
            {
                ct.ThrowIfCancellationRequested();
                ExampleTrajectory example = layout == "reading" ? writer.Reading(question, random) : writer.Trajectory(question, random);
                var (ids, position) = Encode(example, question.Answer, tokenizer);
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                // Only the prediction of the answer's token matters: normalise that one row, not the whole sequence.
                Tensor logProbs = model.forward(tensor(ids.Select(i => (long)i).ToArray()).unsqueeze(0))[0, position - 1].log_softmax(-1);
                probability += logProbs[ids[position]].exp().item<float>();
                hits += logProbs.argmax().item<long>() == ids[position] ? 1 : 0;
            }
            results.Add(new ReadingProbeResult(layout, sample.Count, probability / sample.Count, hits / sample.Count));
        }
        return results;
    }

    /// <summary>
    /// The sample's token ids, tokenised segment by segment as the pretrainer does, and the position of the
    /// answer's first token in the last thought (the restated fact, the first place the answer is read).
    /// </summary>
    public static (int[] Ids, int Position) Encode(ExampleTrajectory example, string answer, HfTokenizer tokenizer)
    {
        string last = example.Segments[^1].Text;
        if (example.Segments[^1].Source != TokenSource.Policy || !last.Contains(" " + answer, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The sample does not end with a thought that states '{answer}'.", nameof(example));
        }
        var encoded = example.Encode(tokenizer).ToList();
        int lastStart = encoded.SkipLast(1).Sum(e => e.Ids.Length);
        // Words carry their leading space, so cutting the text before " answer" cuts between tokens.
        int position = lastStart + tokenizer.Encode(last[..last.IndexOf(" " + answer, StringComparison.Ordinal)]).Length;
        return ([.. encoded.SelectMany(e => e.Ids)], position);
    }
}

using SearchR1.Core.Protocol;
using SearchR1.Modeling.Tokenization;

namespace SearchR1.Demo.Base;

/// <summary>One piece of a pretraining sample: text, who would have written it in a rollout, and (for policy
/// text) how much its tokens weigh in the pretraining loss.</summary>
public readonly record struct ExampleSegment(TokenSource Source, string Text, float Weight = 1);

/// <summary>
/// A pretraining sample in the exact layout of a rollout: the Search-R1 prompt, then policy turns and
/// retrieved observations, each tokenised separately as the rollout does.
/// </summary>
public sealed record ExampleTrajectory(IReadOnlyList<ExampleSegment> Segments)
{
    public string Text => string.Concat(Segments.Select(s => s.Text));

    /// <summary>Each segment with its token ids, tokenised on its own as the rollout tokenises turns and observations.</summary>
    public IEnumerable<(ExampleSegment Segment, int[] Ids)> Encode(HfTokenizer tokenizer) =>
        Segments.Select(segment => (segment, tokenizer.Encode(segment.Text)));
}

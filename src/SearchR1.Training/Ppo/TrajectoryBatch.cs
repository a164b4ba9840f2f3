using SearchR1.Core.Protocol;
using static TorchSharp.torch;

namespace SearchR1.Training.Ppo;

/// <summary>
/// Trajectories as the trainer's tensors (SPEC §2.6): each row is <c>[left-padded prompt | right-padded response]</c>.
/// P = the widest prompt, R = the longest response. Masks are float 0/1. The observation mask marks retrieved
/// tokens; the loss mask (see <see cref="Algorithms.ResponseMasks"/>) is derived from it, never tracked apart.
/// </summary>
public sealed class TrajectoryBatch
{
    private TrajectoryBatch(Tensor inputIds, Tensor attentionMask, Tensor responses, Tensor responseMask, Tensor observationMask,
        int[] promptLengths, int[] responseLengths)
    {
        InputIds = inputIds;
        AttentionMask = attentionMask;
        Responses = responses;
        ResponseMask = responseMask;
        ObservationMask = observationMask;
        PromptLengths = promptLengths;
        ResponseLengths = responseLengths;
    }

    /// <summary>[B, P + R] int64.</summary>
    public Tensor InputIds { get; }

    /// <summary>[B, P + R] int64, 1 on real tokens.</summary>
    public Tensor AttentionMask { get; }

    /// <summary>[B, R] int64: the response ids (pads = pad id).</summary>
    public Tensor Responses { get; }

    /// <summary>[B, R] float: 1 on every real response token, observation tokens included.</summary>
    public Tensor ResponseMask { get; }

    /// <summary>[B, R] float: 1 on observation (retrieved / invalid-action) tokens.</summary>
    public Tensor ObservationMask { get; }

    /// <summary>Real prompt tokens per row.</summary>
    public int[] PromptLengths { get; }

    /// <summary>Real response tokens per row.</summary>
    public int[] ResponseLengths { get; }

    /// <summary>Rows.</summary>
    public int Count => PromptLengths.Length;

    /// <summary>P: the prompt width.</summary>
    public int PromptWidth => (int)InputIds.shape[1] - ResponseWidth;

    /// <summary>R: the response width.</summary>
    public int ResponseWidth => (int)Responses.shape[1];

    /// <summary>Position ids <c>clip(cumsum(mask) − 1, 0)</c>.</summary>
    public Tensor PositionIds() => (AttentionMask.cumsum(1) - 1).clamp_min(0);

    /// <summary>Pads and stacks trajectories on <paramref name="device"/>.</summary>
    public static TrajectoryBatch From(IReadOnlyList<Trajectory> trajectories, int padId, Device device)
    {
        int rows = trajectories.Count;
        int promptWidth = Math.Max(1, trajectories.Max(t => t.PromptLength));
        int responseWidth = Math.Max(1, trajectories.Max(t => t.ResponseLength));
        var ids = new long[rows * (promptWidth + responseWidth)];
        var attention = new long[ids.Length];
        var observation = new float[rows * responseWidth];
        Array.Fill(ids, padId);
        for (int b = 0; b < rows; b++)
        {
            var t = trajectories[b];
            long rowStart = (long)b * (promptWidth + responseWidth);
            for (int i = 0; i < t.Count; i++)
            {
                // Prompt tokens end at column P − 1 (left padding); response tokens start at column P.
                long column = i < t.PromptLength ? promptWidth - t.PromptLength + i : promptWidth + i - t.PromptLength;
                ids[rowStart + column] = t.TokenIds[i];
                attention[rowStart + column] = 1;
                if (t.Sources[i] == TokenSource.Observation)
                {
                    observation[b * responseWidth + i - t.PromptLength] = 1;
                }
            }
        }
        var inputIds = tensor(ids, [rows, promptWidth + responseWidth], device: device);
        var attentionMask = tensor(attention, [rows, promptWidth + responseWidth], device: device);
        var responses = inputIds[.., promptWidth..].contiguous();
        var responseMask = attentionMask[.., promptWidth..].to(float32).contiguous();
        var observationMask = tensor(observation, [rows, responseWidth], device: device);
        return new TrajectoryBatch(inputIds, attentionMask, responses, responseMask, observationMask,
            trajectories.Select(t => t.PromptLength).ToArray(), trajectories.Select(t => t.ResponseLength).ToArray());
    }

    /// <summary>
    /// Rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) with the columns that are
    /// padding in all of them trimmed: p ≤ P prompt columns, r ≤ R response columns. Tensors aligned with the
    /// response ([B, R]) are cut to [count, r] by <see cref="MicroBatch.Cut"/>.
    /// </summary>
    public MicroBatch Slice(int start, int count)
    {
        int p = Math.Max(1, PromptLengths.Skip(start).Take(count).Max());
        int r = Math.Max(1, ResponseLengths.Skip(start).Take(count).Max());
        var columns = arange(PromptWidth - p, PromptWidth + r, dtype: int64, device: InputIds.device);
        var rows = InputIds[start..(start + count)];
        var mask = AttentionMask[start..(start + count)];
        return new MicroBatch(start, count, p, r, rows.index_select(1, columns), mask.index_select(1, columns),
            Responses[start..(start + count), ..r], ResponseMask[start..(start + count), ..r]);
    }
}

/// <summary>A contiguous group of rows of a <see cref="TrajectoryBatch"/>, trimmed to p prompt and r response columns.</summary>
public sealed record MicroBatch(int Start, int Count, int PromptWidth, int ResponseWidth,
    Tensor InputIds, Tensor AttentionMask, Tensor Responses, Tensor ResponseMask)
{
    /// <summary>Position ids <c>clip(cumsum(mask) − 1, 0)</c>.</summary>
    public Tensor PositionIds() => (AttentionMask.cumsum(1) - 1).clamp_min(0);

    /// <summary>This micro-batch's part of a [B, R] tensor: [Count, r].</summary>
    public Tensor Cut(Tensor full) => full[Start..(Start + Count), ..ResponseWidth];
}

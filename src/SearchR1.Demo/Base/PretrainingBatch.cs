using SearchR1.Core.Protocol;
using SearchR1.Modeling.Tokenization;
using static TorchSharp.torch;

namespace SearchR1.Demo.Base;

/// <summary>
/// Example trajectories as a right-padded token batch: ids, attention mask, and the mask of tokens the loss
/// predicts. Each segment is tokenised on its own, exactly as the rollout tokenises the prompt, each generated
/// turn and each observation.
/// </summary>
public sealed class PretrainingBatch
{
    private PretrainingBatch(long[] ids, long[] attention, float[] lossMask, int rows, int width)
    {
        Ids = ids;
        Attention = attention;
        LossMask = lossMask;
        Rows = rows;
        Width = width;
    }

    public long[] Ids { get; }

    public long[] Attention { get; }

    /// <summary>
    /// 1 where the token is one the model should learn to write: policy text only, as a rollout's loss mask.
    /// Every name in the policy text is a copy (of the question, of a passage, of an earlier thought), so copying
    /// is the only way the base learns to write a name. Training on the passages too (as an earlier recipe did)
    /// taught it to invent the first mention of a name, and it then invented answers instead of reading them.
    /// </summary>
    public float[] LossMask { get; }

    public int Rows { get; }

    public int Width { get; }

    public static PretrainingBatch Encode(IReadOnlyList<ExampleTrajectory> samples, HfTokenizer tokenizer, int maxLength)
    {
        var rows = new List<(List<int> Ids, List<float> Loss)>();
        foreach (ExampleTrajectory sample in samples)
        {
            var ids = new List<int>();
            var loss = new List<float>();
            foreach (var (segment, encoded) in sample.Encode(tokenizer))
            {
                ids.AddRange(encoded);
                loss.AddRange(Enumerable.Repeat(segment.Source == TokenSource.Policy ? segment.Weight : 0f, encoded.Length));
            }
            if (ids.Count > maxLength)
            {
                ids.RemoveRange(maxLength, ids.Count - maxLength);
                loss.RemoveRange(maxLength, loss.Count - maxLength);
            }
            rows.Add((ids, loss));
        }
        int width = rows.Max(r => r.Ids.Count);
        var batchIds = new long[rows.Count * width];
        var attention = new long[rows.Count * width];
        var lossMask = new float[rows.Count * width];
        Array.Fill(batchIds, tokenizer.PadTokenId);
        for (int r = 0; r < rows.Count; r++)
        {
            for (int t = 0; t < rows[r].Ids.Count; t++)
            {
                batchIds[r * width + t] = rows[r].Ids[t];
                attention[r * width + t] = 1;
                lossMask[r * width + t] = rows[r].Loss[t];
            }
        }
        return new PretrainingBatch(batchIds, attention, lossMask, rows.Count, width);
    }

    public (Tensor Ids, Tensor Attention, Tensor LossMask) ToTensors(Device device) =>
        (tensor(Ids, [Rows, Width], device: device),
         tensor(Attention, [Rows, Width], device: device),
         tensor(LossMask, [Rows, Width], device: device));
}

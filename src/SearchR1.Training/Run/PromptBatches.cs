using SearchR1.Training.Ppo;

namespace SearchR1.Training.Run;

/// <summary>
/// Training batches in a reproducible order: each epoch is a permutation drawn from (seed, epoch) (or the file order
/// when shuffling is off), cut into batches of <c>train_batch_size</c> prompts, the incomplete last one dropped. The
/// cursor (epoch, batch) is all a resumed run needs to continue exactly where it stopped.
/// </summary>
public sealed class PromptBatches
{
    private readonly IReadOnlyList<TrainingPrompt> _prompts;
    private readonly int _batchSize;
    private readonly int _seed;
    private readonly bool _shuffle;
    private int[] _order = [];
    private int _orderEpoch = -1;

    public PromptBatches(IReadOnlyList<TrainingPrompt> prompts, int batchSize, int seed, bool shuffle)
    {
        if (prompts.Count < batchSize)
        {
            throw new ArgumentException($"{prompts.Count} training prompts are fewer than one batch (data.train_batch_size = {batchSize})", nameof(prompts));
        }
        (_prompts, _batchSize, _seed, _shuffle) = (prompts, batchSize, seed, shuffle);
    }

    /// <summary>Batches per epoch (drop_last).</summary>
    public int BatchesPerEpoch => _prompts.Count / _batchSize;

    /// <summary>The batch at the cursor; advances the cursor.</summary>
    public IReadOnlyList<TrainingPrompt> Next(ref int epoch, ref int batchInEpoch)
    {
        if (batchInEpoch >= BatchesPerEpoch)
        {
            (epoch, batchInEpoch) = (epoch + 1, 0);
        }
        if (_orderEpoch != epoch)
        {
            _order = Enumerable.Range(0, _prompts.Count).ToArray();
            if (_shuffle)
            {
                new Random(HashCode.Combine(_seed, epoch, 0x5EA4C1)).Shuffle(_order);
            }
            _orderEpoch = epoch;
        }
        var batch = _order.Skip(batchInEpoch * _batchSize).Take(_batchSize).Select(i => _prompts[i]).ToArray();
        batchInEpoch++;
        return batch;
    }
}

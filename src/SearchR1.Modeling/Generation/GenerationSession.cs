using SearchR1.Modeling.Transformer;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Generation;

/// <summary>
/// Batched generation over live rows that keep their KV cache between calls, built for multi-turn RL
/// rollouts: generate for some rows until EOS / a stop condition / a token budget, append an
/// <c>&lt;information&gt;</c> block to a row (only the new tokens are computed, on the next call), generate again.
/// </summary>
/// <remarks>
/// Every row keeps all its tokens. Tokens not yet in the KV cache are "pending": at first the whole prompt,
/// later the last sampled token plus anything appended. Each <see cref="Generate"/> call first runs all
/// pending tokens of its rows through the model in one ragged forward (which yields the first new token),
/// then decodes one token per step. Rows are positioned by their own token index, so a batch of prompts of
/// different lengths behaves exactly like each prompt alone (what transformers gets from left padding with
/// position ids cumsum(mask) − 1). Rows that finish leave the computed batch: the cache is compacted so a
/// step only touches rows still generating.
/// </remarks>
public sealed class GenerationSession : IDisposable
{
    private readonly CausalLanguageModel _model;
    private readonly KvCache _cache;
    private readonly TokenSampler _sampler;
    private readonly HashSet<int> _eos;
    private readonly List<int>[] _tokens;
    private readonly int[] _cached;     // tokens of each row already in the cache
    private readonly int[] _slotOfRow;  // -1 once released
    private int[] _rowOfSlot;

    public int MaxTotalTokens { get; }

    private GenerationSession(CausalLanguageModel model, IReadOnlyList<IReadOnlyList<int>> prompts, SamplingOptions sampling, int maxTotalTokens, IEnumerable<int> eos)
    {
        _model = model;
        MaxTotalTokens = maxTotalTokens;
        _eos = eos.ToHashSet();
        _tokens = prompts.Select(p => p.ToList()).ToArray();
        _cached = new int[prompts.Count];
        _slotOfRow = Enumerable.Range(0, prompts.Count).ToArray();
        _rowOfSlot = Enumerable.Range(0, prompts.Count).ToArray();
        int initial = Math.Min(maxTotalTokens, prompts.Max(p => p.Count) + 64);
        _cache = new KvCache(model.Config.NumLayers, prompts.Count, model.Config.NumKeyValueHeads, model.Config.HeadDim,
            initial, maxTotalTokens, model.ComputeType, model.Device);
        _sampler = new TokenSampler(sampling, model.Device);
    }

    /// <summary>
    /// Opens a session over <paramref name="prompts"/> (token ids, no padding). Nothing runs until the first
    /// <see cref="Generate"/>. <paramref name="eosTokenIds"/> defaults to config.json's eos_token_id.
    /// </summary>
    public static GenerationSession Start(CausalLanguageModel model, IReadOnlyList<IReadOnlyList<int>> prompts,
        SamplingOptions sampling, int maxTotalTokens, IEnumerable<int>? eosTokenIds = null)
    {
        if (prompts.Count == 0)
        {
            throw new ArgumentException("at least one prompt is needed.", nameof(prompts));
        }
        for (int i = 0; i < prompts.Count; i++)
        {
            if (prompts[i].Count == 0)
            {
                throw new ArgumentException($"prompt {i} is empty.", nameof(prompts));
            }
            if (prompts[i].Count > maxTotalTokens)
            {
                throw new ArgumentException($"prompt {i} has {prompts[i].Count} tokens, more than maxTotalTokens {maxTotalTokens}.", nameof(prompts));
            }
            int bad = prompts[i].FirstOrDefault(t => t < 0 || t >= model.Config.VocabSize, -1);
            if (bad != -1)
            {
                throw new ArgumentException($"prompt {i} has token id {bad}, outside the vocabulary [0, {model.Config.VocabSize}).", nameof(prompts));
            }
        }
        return new GenerationSession(model, prompts, sampling, maxTotalTokens, eosTokenIds ?? model.Config.EosTokenIds);
    }

    public int RowCount => _tokens.Length;

    /// <summary>Every token of a row so far: prompt, generated and appended.</summary>
    public IReadOnlyList<int> Tokens(int row) => _tokens[row];

    /// <summary>How many more tokens the row can hold.</summary>
    public int Remaining(int row) => MaxTotalTokens - _tokens[row].Count;

    public bool IsReleased(int row) => _slotOfRow[row] < 0;

    /// <summary>Bytes held by the KV cache now.</summary>
    public long CacheBytes => _cache.Bytes;

    /// <summary>
    /// Adds externally supplied tokens (an observation) to a live row. They are computed into the KV cache by
    /// the next <see cref="Generate"/> that includes the row, reusing everything before them.
    /// </summary>
    public void Append(int row, IReadOnlyList<int> tokens)
    {
        RequireLive(row);
        if (_tokens[row].Count + tokens.Count > MaxTotalTokens)
        {
            throw new InvalidOperationException($"row {row}: appending {tokens.Count} tokens to {_tokens[row].Count} exceeds maxTotalTokens {MaxTotalTokens} (check Remaining(row) first).");
        }
        int bad = tokens.FirstOrDefault(t => t < 0 || t >= _model.Config.VocabSize, -1);
        if (bad != -1)
        {
            throw new ArgumentException($"row {row}: token id {bad} is outside the vocabulary [0, {_model.Config.VocabSize}).", nameof(tokens));
        }
        _tokens[row].AddRange(tokens);
    }

    /// <summary>Frees rows that will not generate again (their cache slots are dropped at the next compaction).</summary>
    public void Release(IEnumerable<int> rows)
    {
        foreach (int row in rows)
        {
            if (_slotOfRow[row] >= 0)
            {
                _rowOfSlot[_slotOfRow[row]] = -1;
                _slotOfRow[row] = -1;
            }
        }
    }

    /// <summary>
    /// Generates for <paramref name="rows"/> until each one samples an EOS token, satisfies
    /// <paramref name="stop"/>, produces <paramref name="maxNewTokens"/> tokens, or fills the session's
    /// maximum length. Returns one result per requested row, in the order given.
    /// </summary>
    public IReadOnlyList<GeneratedTokens> Generate(IReadOnlyList<int> rows, int maxNewTokens, IStopCondition? stop = null) =>
        Generate(rows, Enumerable.Repeat(maxNewTokens, rows.Count).ToArray(), stop);

    /// <summary>As <see cref="Generate(IReadOnlyList{int}, int, IStopCondition?)"/> with a token budget per row (<c>maxNewTokens[i]</c> for <c>rows[i]</c>).</summary>
    public IReadOnlyList<GeneratedTokens> Generate(IReadOnlyList<int> rows, IReadOnlyList<int> maxNewTokens, IStopCondition? stop = null)
    {
        if (maxNewTokens.Count != rows.Count)
        {
            throw new ArgumentException($"{maxNewTokens.Count} budgets for {rows.Count} rows.", nameof(maxNewTokens));
        }
        if (rows.Count == 0)
        {
            return [];
        }
        if (rows.Distinct().Count() != rows.Count)
        {
            throw new ArgumentException("a row is listed twice.", nameof(rows));
        }
        foreach (int row in rows)
        {
            RequireLive(row);
        }
        var budget = new Dictionary<int, int>();
        for (int i = 0; i < rows.Count; i++)
        {
            budget[rows[i]] = maxNewTokens[i];
        }
        var results = rows.ToDictionary(r => r, _ => (Tokens: new List<int>(), LogProbs: new List<float>(), Reason: (StopReason?)null));
        foreach (int row in rows.Where(r => budget[r] <= 0 || _tokens[r].Count >= MaxTotalTokens))
        {
            results[row] = (new List<int>(), new List<float>(), budget[row] <= 0 ? StopReason.MaxNewTokens : StopReason.MaxTotalTokens);
        }

        var active = rows.Where(r => results[r].Reason is null).ToList();
        var front = new List<int>(); // the rows in slots 0..n-1 that each step computes
        using (no_grad())
        {
            while (active.Count > 0)
            {
                // Rows that finished stay in the computed batch (idle, writing nowhere) until they are a
                // quarter of it: a compaction copies the cache, a few idle rows in a step cost less.
                if (front.Count == 0 || (front.Count - active.Count) * 4 >= front.Count)
                {
                    front = new List<int>(active);
                    MoveToFront(front);
                }
                var live = active.ToHashSet();
                using var scope = NewDisposeScope();
                // The first step feeds each row's pending tokens (prompt, last token, appended block); later steps one token.
                var feeds = front.Select(r => live.Contains(r) ? _tokens[r].GetRange(_cached[r], _tokens[r].Count - _cached[r]) : null).ToList();
                (Tensor sampled, Tensor logProbs) = Step(feeds);
                long[] ids = sampled.cpu().data<long>().ToArray();
                float[] lps = logProbs.cpu().data<float>().ToArray();
                for (int i = 0; i < front.Count; i++)
                {
                    int row = front[i];
                    if (!live.Contains(row))
                    {
                        continue;
                    }
                    _cached[row] = _tokens[row].Count;
                    int token = (int)ids[i];
                    _tokens[row].Add(token);
                    var result = results[row];
                    result.Tokens.Add(token);
                    result.LogProbs.Add(lps[i]);
                    result.Reason =
                        _eos.Contains(token) ? StopReason.EndOfSequence
                        : stop?.ShouldStop(row, result.Tokens) == true ? StopReason.StopCondition
                        : result.Tokens.Count >= budget[row] ? StopReason.MaxNewTokens
                        : _tokens[row].Count >= MaxTotalTokens ? StopReason.MaxTotalTokens
                        : null;
                    results[row] = result;
                }
                active = active.Where(r => results[r].Reason is null).ToList();
            }
        }
        return rows.Select(r => new GeneratedTokens(r, results[r].Tokens.ToArray(), results[r].LogProbs.ToArray(), results[r].Reason!.Value)).ToList();
    }

    /// <summary>
    /// One ragged forward over the first feeds.Count cache slots: slot i receives feeds[i] at positions
    /// cached..cached+len−1. Returns the next token and its log-prob for each slot.
    /// </summary>
    private (Tensor Tokens, Tensor LogProbs) Step(List<List<int>?> feeds)
    {
        int n = feeds.Count;
        int width = feeds.Max(f => f?.Count ?? 0);
        int keyLength = 1;
        for (int i = 0; i < n; i++)
        {
            if (feeds[i] is { } feed)
            {
                keyLength = Math.Max(keyLength, _cached[_rowOfSlot[i]] + feed.Count);
            }
        }
        _cache.EnsureCapacity(keyLength);

        var ids = new long[n * width];
        var positions = new long[n * width];
        var writes = new long[n * width];
        var lastIndex = new long[n];
        var keyLimit = new long[n * width]; // query (i, t) may read columns ≤ keyLimit
        for (int i = 0; i < n; i++)
        {
            // An idle slot (its row finished in this call) computes a dummy query that writes only to scratch.
            List<int>? feed = feeds[i];
            int cached = feed is null ? 0 : _cached[_rowOfSlot[i]];
            for (int t = 0; t < width; t++)
            {
                bool real = feed is not null && t < feed.Count;
                ids[i * width + t] = real ? feed![t] : 0;
                positions[i * width + t] = cached + t;
                writes[i * width + t] = real ? cached + t : _cache.ScratchColumn;
                keyLimit[i * width + t] = feed is null ? 0 : Math.Min(cached + t, keyLength - 1);
            }
            lastIndex[i] = Math.Max(0, (feed?.Count ?? 1) - 1);
        }
        Device device = _model.Device;
        Tensor idTensor = tensor(ids, [n, width]).to(device);
        Tensor positionTensor = tensor(positions, [n, width]).to(device);
        Tensor writeIndex = tensor(writes, [n, 1, width, 1]).to(device);
        Tensor limits = tensor(keyLimit, [n, 1, width, 1]).to(device);
        Tensor mask = arange(keyLength, dtype: ScalarType.Int64, device: device).view(1, 1, 1, keyLength) <= limits;

        var step = new CacheStep(_cache, writeIndex, n, keyLength);
        Tensor hidden = _model.model.RunCached(idTensor, positionTensor, mask, step);
        Tensor last = width == 1
            ? hidden.squeeze(1)
            : hidden.gather(1, tensor(lastIndex).to(device).view(n, 1, 1).expand(n, 1, hidden.shape[2])).squeeze(1);
        return _sampler.Sample(_model.Logits(last));
    }

    /// <summary>Puts <paramref name="rows"/> in cache slots 0..n−1 (other live rows after them; released rows dropped).</summary>
    private void MoveToFront(List<int> rows)
    {
        bool inPlace = true;
        for (int i = 0; i < rows.Count; i++)
        {
            inPlace &= _slotOfRow[rows[i]] == i;
        }
        if (inPlace)
        {
            return;
        }
        var inFront = rows.ToHashSet();
        var order = new List<int>(rows);
        order.AddRange(_rowOfSlot.Where(r => r >= 0 && !inFront.Contains(r)));
        _cache.Reorder(order.Select(r => (long)_slotOfRow[r]).ToArray());
        _rowOfSlot = order.ToArray();
        for (int slot = 0; slot < _rowOfSlot.Length; slot++)
        {
            _slotOfRow[_rowOfSlot[slot]] = slot;
        }
    }

    private void RequireLive(int row)
    {
        if (row < 0 || row >= _tokens.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"row {row} is not in this session (0..{_tokens.Length - 1}).");
        }
        if (_slotOfRow[row] < 0)
        {
            throw new InvalidOperationException($"row {row} was released.");
        }
    }

    public void Dispose()
    {
        _cache.Dispose();
        _sampler.Dispose();
    }
}

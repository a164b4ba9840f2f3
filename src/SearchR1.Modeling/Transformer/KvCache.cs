using static TorchSharp.torch;

namespace SearchR1.Modeling.Transformer;

/// <summary>
/// Keys and values of every layer for a batch of sequences, preallocated as [slots, kvHeads, capacity + 1,
/// headDim] per layer. Each slot holds one sequence left-aligned (column j is the token at position j), so
/// rows of different lengths need no padding inside the cache: a row's length alone says which columns are
/// valid. The extra last column is a scratch slot where padded query positions write, so a ragged batch
/// can be written with one scatter per layer and never disturbs a real entry.
/// </summary>
/// <remarks>
/// Capacity grows on demand (copying) up to <see cref="MaxCapacity"/>, so memory follows the longest live
/// row rather than the worst case. <see cref="Reorder"/> moves the rows a call works on to the front
/// (and drops released ones), so that finished rows stop costing compute: a step only touches the prefix.
/// </remarks>
public sealed class KvCache : IDisposable
{
    private readonly Tensor[] _keys;
    private readonly Tensor[] _values;
    private readonly long _kvHeads;
    private readonly long _headDim;

    public int Slots { get; private set; }
    public int Capacity { get; private set; }
    public int MaxCapacity { get; }
    public ScalarType DType { get; }
    public Device Device { get; }

    /// <summary>The scratch column index (never attended).</summary>
    public int ScratchColumn => Capacity;

    public KvCache(int layers, int slots, long kvHeads, long headDim, int initialCapacity, int maxCapacity, ScalarType dtype, Device device)
    {
        _kvHeads = kvHeads;
        _headDim = headDim;
        Slots = slots;
        MaxCapacity = maxCapacity;
        Capacity = Math.Min(initialCapacity, maxCapacity);
        DType = dtype;
        Device = device;
        _keys = new Tensor[layers];
        _values = new Tensor[layers];
        for (int i = 0; i < layers; i++)
        {
            _keys[i] = Allocate(slots, Capacity);
            _values[i] = Allocate(slots, Capacity);
        }
    }

    /// <summary>Writes this call's keys and values [n, kvHeads, T, D] and returns the readable columns of the first n slots.</summary>
    public (Tensor Keys, Tensor Values) Write(int layer, Tensor keys, Tensor values, CacheStep step)
    {
        Tensor index = step.WriteIndex.expand(step.Rows, _kvHeads, keys.shape[2], _headDim);
        Tensor cachedKeys = _keys[layer].narrow(0, 0, step.Rows);
        Tensor cachedValues = _values[layer].narrow(0, 0, step.Rows);
        cachedKeys.scatter_(2, index, keys);
        cachedValues.scatter_(2, index, values);
        return (cachedKeys.narrow(2, 0, step.KeyLength), cachedValues.narrow(2, 0, step.KeyLength));
    }

    /// <summary>Makes room for rows of up to <paramref name="length"/> tokens (grows by at least half, rounded to 64).</summary>
    public void EnsureCapacity(int length)
    {
        if (length <= Capacity)
        {
            return;
        }
        if (length > MaxCapacity)
        {
            throw new InvalidOperationException($"KV cache: a row needs {length} tokens, more than the session's limit of {MaxCapacity}.");
        }
        int grown = Math.Min(MaxCapacity, Math.Max(length, Capacity + Capacity / 2 + 63) / 64 * 64);
        grown = Math.Max(grown, length);
        for (int i = 0; i < _keys.Length; i++)
        {
            _keys[i] = Grow(_keys[i], grown);
            _values[i] = Grow(_values[i], grown);
        }
        Capacity = grown;
    }

    /// <summary>Rebuilds the cache with slot i holding what slot <c>order[i]</c> held; slots not listed are dropped.</summary>
    public void Reorder(long[] order)
    {
        using var scope = NewDisposeScope();
        Tensor index = tensor(order, dtype: ScalarType.Int64).to(Device);
        for (int i = 0; i < _keys.Length; i++)
        {
            Tensor k = _keys[i].index_select(0, index).DetachFromDisposeScope();
            Tensor v = _values[i].index_select(0, index).DetachFromDisposeScope();
            _keys[i].Dispose();
            _values[i].Dispose();
            _keys[i] = k;
            _values[i] = v;
        }
        Slots = order.Length;
    }

    /// <summary>Bytes held by the cache.</summary>
    public long Bytes => _keys.Length * 2L * Slots * _kvHeads * (Capacity + 1) * _headDim * (DType is ScalarType.Float32 ? 4 : 2);

    private Tensor Allocate(int slots, int capacity) =>
        zeros([slots, _kvHeads, capacity + 1, _headDim], dtype: DType, device: Device).DetachFromDisposeScope();

    private Tensor Grow(Tensor old, int capacity)
    {
        Tensor grown = Allocate((int)old.shape[0], capacity);
        using (NewDisposeScope())
        {
            grown.narrow(2, 0, Capacity).copy_(old.narrow(2, 0, Capacity));
        }
        old.Dispose();
        return grown;
    }

    public void Dispose()
    {
        foreach (Tensor t in _keys.Concat(_values))
        {
            t.Dispose();
        }
    }
}

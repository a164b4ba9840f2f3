using SearchR1.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace SearchR1.Retrieval.Dense;

/// <summary>
/// Exact top-k on a CUDA GPU with TorchSharp: the vectors are copied to the GPU once (float16, in chunks, so the
/// host never holds more than one chunk), then each batch of queries is one matrix product and one top-k per chunk.
/// Used when <see cref="TorchRuntime.CudaAvailable"/>; not exercised on CPU-only machines.
/// </summary>
public sealed class TorchFlatIndex : IVectorIndex
{
    private const int ChunkRows = 1 << 20;
    private readonly List<(long Start, Tensor Rows)> _chunks = [];
    private readonly Device _device;
    private readonly object _gate = new();

    public TorchFlatIndex(MappedVectors vectors, string device = "cuda")
    {
        TorchRuntime.EnsureLoaded();
        _device = TorchRuntime.ResolveDevice(device);
        Count = vectors.Rows;
        Dimension = vectors.Dimension;
        var buffer = new float[(long)Math.Min(ChunkRows, Math.Max(1, Count)) * Dimension];
        for (long start = 0; start < Count; start += ChunkRows)
        {
            int rows = (int)Math.Min(ChunkRows, Count - start);
            vectors.CopyRows(start, rows, buffer);
            using var scope = NewDisposeScope();
            Tensor host = tensor(buffer.AsSpan(0, rows * Dimension).ToArray(), [rows, Dimension]);
            Tensor onDevice = host.to(ScalarType.Float16).to(_device);
            _chunks.Add((start, onDevice.MoveToOuterDisposeScope()));
        }
        vectors.Dispose();
    }

    public long Count { get; }

    public int Dimension { get; }

    public ScoredRow[][] Search(ReadOnlySpan<float> queries, int queryCount, int k, CancellationToken ct = default)
    {
        int keep = (int)Math.Min(k, Count);
        var heaps = Enumerable.Range(0, queryCount).Select(_ => new TopKHeap(Math.Max(keep, 1))).ToArray();
        if (keep == 0)
        {
            return heaps.Select(_ => Array.Empty<ScoredRow>()).ToArray();
        }
        float[] queryArray = queries.ToArray();
        lock (_gate)
        {
            using var scope = NewDisposeScope();
            Tensor q = tensor(queryArray, [queryCount, Dimension]).to(ScalarType.Float16).to(_device);
            foreach ((long start, Tensor rows) in _chunks)
            {
                ct.ThrowIfCancellationRequested();
                Tensor scores = matmul(q, rows.t()).to(ScalarType.Float32);
                int chunkK = (int)Math.Min(keep, rows.shape[0]);
                (Tensor values, Tensor indices) = scores.topk(chunkK, dim: 1);
                float[] topValues = values.cpu().data<float>().ToArray();
                long[] topIndices = indices.cpu().data<long>().ToArray();
                for (int i = 0; i < queryCount; i++)
                {
                    for (int j = 0; j < chunkK; j++)
                    {
                        heaps[i].Add(topValues[i * chunkK + j], start + topIndices[i * chunkK + j]);
                    }
                }
            }
        }
        return heaps.Select(h => h.ToSortedArray()).ToArray();
    }

    public void Dispose()
    {
        foreach ((_, Tensor rows) in _chunks)
        {
            rows.Dispose();
        }
        _chunks.Clear();
    }
}

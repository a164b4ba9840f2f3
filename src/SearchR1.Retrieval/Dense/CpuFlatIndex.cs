using System.Numerics.Tensors;

namespace SearchR1.Retrieval.Dense;

/// <summary>
/// Exact top-k by brute force on the CPU (what FAISS IndexFlatIP does): every row is scored against every query
/// with SIMD dot products (System.Numerics.Tensors). Blocks of rows are scanned in parallel, each thread keeping
/// its own heaps, merged at the end. float16 rows are widened block by block.
/// </summary>
public sealed class CpuFlatIndex : IVectorIndex
{
    private const int BlockRows = 4096;
    private readonly MappedVectors _vectors;
    private readonly int _threads;

    public CpuFlatIndex(MappedVectors vectors, int threads = 0)
    {
        _vectors = vectors;
        _threads = threads > 0 ? threads : Environment.ProcessorCount;
    }

    public long Count => _vectors.Rows;

    public int Dimension => _vectors.Dimension;

    public ScoredRow[][] Search(ReadOnlySpan<float> queries, int queryCount, int k, CancellationToken ct = default)
    {
        int d = Dimension;
        if (queries.Length != queryCount * d)
        {
            throw new ArgumentException($"Expected {queryCount} × {d} query values, got {queries.Length}.", nameof(queries));
        }
        float[] queryCopy = queries.ToArray();
        int keep = (int)Math.Min(k, Count);
        var global = new TopKHeap[queryCount];
        for (int q = 0; q < queryCount; q++)
        {
            global[q] = new TopKHeap(Math.Max(keep, 1));
        }
        if (keep == 0)
        {
            return global.Select(_ => Array.Empty<ScoredRow>()).ToArray();
        }
        long blocks = (Count + BlockRows - 1) / BlockRows;
        var gate = new object();
        Parallel.For(0L, blocks, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = _threads },
            () => new Worker(queryCount, keep, d),
            (block, _, worker) =>
            {
                long start = block * BlockRows;
                int rows = (int)Math.Min(BlockRows, Count - start);
                ScoreBlock(start, rows, queryCopy, queryCount, worker);
                return worker;
            },
            worker =>
            {
                lock (gate)
                {
                    for (int q = 0; q < queryCount; q++)
                    {
                        global[q].Merge(worker.Heaps[q]);
                    }
                }
            });
        return global.Select(h => h.ToSortedArray()).ToArray();
    }

    private void ScoreBlock(long start, int rows, float[] queries, int queryCount, Worker worker)
    {
        int d = Dimension;
        ReadOnlySpan<float> block;
        if (_vectors.Type == VectorDType.Float32)
        {
            block = _vectors.Float32Rows(start, rows);
        }
        else
        {
            _vectors.CopyRows(start, rows, worker.Scratch);
            block = worker.Scratch.AsSpan(0, rows * d);
        }
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = block.Slice(r * d, d);
            for (int q = 0; q < queryCount; q++)
            {
                float score = TensorPrimitives.Dot(row, queries.AsSpan(q * d, d));
                TopKHeap heap = worker.Heaps[q];
                if (score >= heap.Threshold)
                {
                    heap.Add(score, start + r);
                }
            }
        }
    }

    public void Dispose() => _vectors.Dispose();

    private sealed class Worker
    {
        public Worker(int queryCount, int k, int dimension)
        {
            Heaps = new TopKHeap[queryCount];
            for (int q = 0; q < queryCount; q++)
            {
                Heaps[q] = new TopKHeap(k);
            }
            Scratch = new float[BlockRows * dimension];
        }

        public TopKHeap[] Heaps { get; }

        public float[] Scratch { get; }
    }
}

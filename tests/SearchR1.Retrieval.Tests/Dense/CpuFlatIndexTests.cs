using SearchR1.Retrieval.Dense;
using SearchR1.Retrieval.Tests.Support;

namespace SearchR1.Retrieval.Tests.Dense;

public sealed class CpuFlatIndexTests
{
    [Fact]
    public void Parallel_blocked_search_equals_brute_force_over_several_blocks()
    {
        using var folder = new TempFolder();
        const int rows = 10_000, d = 8, queries = 3, k = 7;
        var random = new Random(42);
        float[] data = Enumerable.Range(0, rows * d).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        float[] query = Enumerable.Range(0, queries * d).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        string path = folder.Combine("v.npy");
        using (var writer = new NpyMatrixWriter(path, d, VectorDType.Float32))
        {
            writer.Append(data);
            writer.Complete();
        }

        using var index = new CpuFlatIndex(MappedVectors.OpenNpy(path), threads: 2);
        ScoredRow[][] hits = index.Search(query, queries, k);

        for (int q = 0; q < queries; q++)
        {
            var expected = Enumerable.Range(0, rows)
                .Select(r => (Row: (long)r, Score: System.Numerics.Tensors.TensorPrimitives.Dot(data.AsSpan(r * d, d), query.AsSpan(q * d, d))))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Row).Take(k).ToList();
            Assert.Equal(expected.Select(e => e.Row), hits[q].Select(h => h.Row));
            Assert.Equal(expected.Select(e => e.Score), hits[q].Select(h => h.Score));
        }
    }

    [Fact]
    public void Equal_scores_rank_the_lower_row_first_and_k_above_the_count_returns_every_row()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("v.npy");
        using (var writer = new NpyMatrixWriter(path, 2, VectorDType.Float32))
        {
            writer.Append([1f, 0f, 0f, 1f, 1f, 0f, 0.5f, 0f]);
            writer.Complete();
        }
        using var index = new CpuFlatIndex(MappedVectors.OpenNpy(path));

        ScoredRow[] hits = index.Search([1f, 0f], 1, 10)[0];

        Assert.Equal([0L, 2L, 3L, 1L], hits.Select(h => h.Row));
    }
}

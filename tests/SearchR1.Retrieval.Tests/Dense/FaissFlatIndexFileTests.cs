using System.Text.Json;
using SearchR1.Retrieval.Dense;
using SearchR1.TestSupport;

namespace SearchR1.Retrieval.Tests.Dense;

[Conformance]
public sealed class FaissFlatIndexFileTests
{
    [ConformanceFact]
    public void The_fixture_index_memory_maps_to_its_vectors_and_finds_the_expected_top5()
    {
        string indexPath = SharedData.Path("fixtures/faiss/flat_ip_d16_n50.index");
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(SharedData.Path("fixtures/faiss/flat_ip_d16_n50.json")));
        JsonElement root = expected.RootElement;

        (long rows, int dimension, _, bool innerProduct) = FaissFlatIndexFile.ReadHeader(indexPath);
        Assert.Equal(50, rows);
        Assert.Equal(16, dimension);
        Assert.True(innerProduct);

        using var index = new CpuFlatIndex(MappedVectors.OpenFaiss(indexPath));
        float[] firstRow = root.GetProperty("vectors")[0].EnumerateArray().Select(x => x.GetSingle()).ToArray();
        var stored = new float[16];
        MappedVectors.OpenFaiss(indexPath).CopyRows(0, 1, stored);
        Assert.Equal(firstRow, stored);

        foreach (JsonElement query in root.GetProperty("queries").EnumerateArray())
        {
            float[] vector = query.GetProperty("query").EnumerateArray().Select(x => x.GetSingle()).ToArray();
            ScoredRow[] hits = index.Search(vector, 1, 5)[0];
            var top5 = query.GetProperty("top5").EnumerateArray().ToList();
            Assert.Equal(top5.Select(t => t.GetProperty("id").GetInt64()), hits.Select(h => h.Row));
            for (int i = 0; i < 5; i++)
            {
                Assert.Equal(top5[i].GetProperty("score").GetDouble(), hits[i].Score, 1e-5);
            }
        }
    }

    [Fact]
    public void A_file_that_is_not_a_flat_index_is_refused_with_its_fourcc()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, "IHNf"u8.ToArray().Concat(new byte[64]).ToArray());

            var error = Assert.Throws<InvalidDataException>(() => FaissFlatIndexFile.ReadHeader(path));

            Assert.Contains("fourcc 'IHNf'", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

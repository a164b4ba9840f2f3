using SearchR1.Retrieval.Dense;
using SearchR1.Retrieval.Tests.Support;

namespace SearchR1.Retrieval.Tests.Dense;

public sealed class NpyMatrixWriterTests
{
    [Theory]
    [InlineData(VectorDType.Float32, 0.0)]
    [InlineData(VectorDType.Float16, 1e-3)]
    public void Rows_written_in_batches_read_back_with_their_shape_and_values(VectorDType type, double tolerance)
    {
        using var folder = new TempFolder();
        string path = folder.Combine("m.npy");
        float[] values = Enumerable.Range(0, 5 * 3).Select(i => i * 0.1f - 0.7f).ToArray();
        using (var writer = new NpyMatrixWriter(path, 3, type))
        {
            writer.Append(values.AsSpan(0, 6));
            writer.Append(values.AsSpan(6));
            writer.Complete();
        }

        (long rows, int columns, VectorDType readType, long offset) = NpyFormat.ReadHeader(path);
        using var mapped = MappedVectors.OpenNpy(path);
        var back = new float[values.Length];
        mapped.CopyRows(0, 5, back);

        Assert.Equal((5L, 3, type, 128L), (rows, columns, readType, offset));
        Assert.Equal(128 + values.Length * type.Size(), new FileInfo(path).Length);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], back[i], tolerance);
        }
    }

    [Fact]
    public void A_truncated_file_is_refused_with_the_sizes()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("m.npy");
        File.WriteAllBytes(path, NpyFormat.Header(10, 4, VectorDType.Float32).Concat(new byte[16]).ToArray());

        var error = Assert.Throws<InvalidDataException>(() => NpyFormat.ReadHeader(path));

        Assert.Contains("truncated", error.Message);
    }
}

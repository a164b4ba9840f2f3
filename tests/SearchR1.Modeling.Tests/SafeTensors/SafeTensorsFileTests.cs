using System.Buffers.Binary;
using SearchR1.Modeling.SafeTensors;
using SearchR1.Torch;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Tests.SafeTensors;

public class SafeTensorsFileTests
{
    [Fact]
    public void Tensors_of_every_model_dtype_round_trip_bit_for_bit()
    {
        TorchRuntime.EnsureLoaded();
        string path = Path.Combine(Path.GetTempPath(), $"st-{Guid.NewGuid():N}.safetensors");
        var tensors = new Dictionary<string, Tensor>
        {
            ["a.f32"] = randn(3, 5),
            ["b.bf16"] = randn(4, 2).to(ScalarType.BFloat16),
            ["c.f16"] = randn(7).to(ScalarType.Float16),
            ["d.i64"] = arange(6, dtype: ScalarType.Int64).view(2, 3),
            ["e.empty"] = zeros(0, 4),
        };
        try
        {
            SafeTensorsWriter.Write(path, tensors.Select(p => new SafeTensorsWriter.Item(p.Key, p.Value.dtype, p.Value.shape, () => p.Value)).ToList());
            using var file = SafeTensorsFile.Open(path);
            Assert.Equal("pt", file.Metadata["format"]);
            foreach ((string name, Tensor expected) in tensors)
            {
                using Tensor actual = file.Read(name);
                Assert.Equal(expected.dtype, actual.dtype);
                Assert.Equal(expected.shape, actual.shape);
                Assert.True(TensorAssert.SameValues(expected, actual), name);
            }
            // The data section starts 8-byte aligned (the header is padded with spaces).
            byte[] bytes = File.ReadAllBytes(path);
            Assert.Equal(0UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes) % 8);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_that_is_not_safetensors_is_refused_with_its_path()
    {
        string path = Path.Combine(Path.GetTempPath(), $"st-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 1, 2, 3]);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Open(path));
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_header_whose_offsets_disagree_with_the_shape_is_refused_by_tensor_name()
    {
        TorchRuntime.EnsureLoaded();
        string path = Path.Combine(Path.GetTempPath(), $"st-{Guid.NewGuid():N}.safetensors");
        byte[] header = System.Text.Encoding.UTF8.GetBytes("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,8]}}");
        var bytes = new byte[8 + header.Length + 8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        try
        {
            using var file = SafeTensorsFile.Open(path);
            var error = Assert.Throws<InvalidDataException>(() => file.Read("w"));
            Assert.Contains("\"w\"", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

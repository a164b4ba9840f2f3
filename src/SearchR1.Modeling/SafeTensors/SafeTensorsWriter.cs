using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace SearchR1.Modeling.SafeTensors;

/// <summary>
/// Writes a <c>.safetensors</c> file that transformers and the safetensors library read. Tensors are
/// fetched one at a time through the supplied functions and streamed to disk, so saving a large model
/// holds one tensor's CPU copy at a time. The file is written to a temporary name and moved into place.
/// </summary>
public static class SafeTensorsWriter
{
    /// <summary>A tensor to write: its name, dtype and shape up front (for the header), and how to fetch it.</summary>
    public sealed record Item(string Name, ScalarType DType, long[] Shape, Func<Tensor> Fetch);

    public static long ByteSize(Item item) =>
        item.Shape.Aggregate(1L, (a, b) => a * b) * SafeTensorsDType.ElementSize(item.DType);

    public static void Write(string path, IReadOnlyList<Item> items, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        var meta = new JsonObject { ["format"] = "pt" };
        foreach ((string key, string value) in metadata ?? new Dictionary<string, string>())
        {
            meta[key] = value;
        }
        header["__metadata__"] = meta;
        long offset = 0;
        foreach (Item item in items)
        {
            long size = ByteSize(item);
            header[item.Name] = new JsonObject
            {
                ["dtype"] = SafeTensorsDType.ToName(item.DType),
                ["shape"] = new JsonArray(item.Shape.Select(d => (JsonNode?)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + size),
            };
            offset += size;
        }
        byte[] headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
        // The format asks for the data section to start 8-byte aligned: pad the header with spaces.
        int padded = (headerBytes.Length + 7) / 8 * 8;

        string temporary = path + $".{Environment.ProcessId}.tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20))
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
            stream.Write(length);
            stream.Write(headerBytes);
            for (int i = headerBytes.Length; i < padded; i++)
            {
                stream.WriteByte((byte)' ');
            }
            foreach (Item item in items)
            {
                using var scope = NewDisposeScope();
                Tensor tensor = item.Fetch().detach().to(item.DType).cpu().contiguous();
                if (!tensor.shape.SequenceEqual(item.Shape))
                {
                    throw new InvalidOperationException($"{path}: \"{item.Name}\" has shape [{string.Join(", ", tensor.shape)}], announced [{string.Join(", ", item.Shape)}].");
                }
                if (tensor.numel() > 0)
                {
                    tensor.WriteBytesToStream(stream);
                }
            }
        }
        File.Move(temporary, path, overwrite: true);
    }
}

using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace SearchR1.Modeling.SafeTensors;

/// <summary>One tensor's entry in a safetensors header: dtype, shape and byte range inside the data section.</summary>
public sealed record SafeTensorsEntry(string Name, string DType, long[] Shape, long Begin, long End);

/// <summary>
/// Reads a <c>.safetensors</c> file: an 8-byte little-endian header length, a JSON header (name → dtype,
/// shape, data_offsets), then the raw little-endian bytes. Tensors are read one at a time straight from the
/// file into a tensor's storage, so a multi-gigabyte checkpoint never sits in managed memory.
/// </summary>
public sealed class SafeTensorsFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly long _dataStart;

    public string Path { get; }
    public IReadOnlyDictionary<string, SafeTensorsEntry> Entries { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    private SafeTensorsFile(string path, FileStream stream, long dataStart, Dictionary<string, SafeTensorsEntry> entries, Dictionary<string, string> metadata)
    {
        Path = path;
        _stream = stream;
        _dataStart = dataStart;
        Entries = entries;
        Metadata = metadata;
    }

    public static SafeTensorsFile Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20);
        try
        {
            Span<byte> lengthBytes = stackalloc byte[8];
            if (stream.Read(lengthBytes) != 8)
            {
                throw new InvalidDataException($"{path}: shorter than the 8-byte safetensors header length.");
            }
            ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
            if (headerLength > 100_000_000 || (long)headerLength > stream.Length - 8)
            {
                throw new InvalidDataException($"{path}: header length {headerLength} is impossible for a file of {stream.Length} bytes (not a safetensors file?).");
            }
            byte[] header = new byte[headerLength];
            stream.ReadExactly(header);
            long dataStart = 8 + (long)headerLength;
            (var entries, var metadata) = ParseHeader(path, header, stream.Length - dataStart);
            return new SafeTensorsFile(path, stream, dataStart, entries, metadata);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads one tensor onto the CPU in its stored dtype.</summary>
    public Tensor Read(string name)
    {
        if (!Entries.TryGetValue(name, out SafeTensorsEntry? entry))
        {
            throw new KeyNotFoundException($"{Path}: no tensor named \"{name}\".");
        }
        ScalarType type = SafeTensorsDType.ToScalarType(entry.DType);
        Tensor tensor = empty(entry.Shape, dtype: type, device: CPU);
        long expected = entry.Shape.Aggregate(1L, (a, b) => a * b) * SafeTensorsDType.ElementSize(type);
        if (expected != entry.End - entry.Begin)
        {
            tensor.Dispose();
            throw new InvalidDataException($"{Path}: tensor \"{name}\" has shape [{string.Join(", ", entry.Shape)}] {entry.DType} ({expected} bytes) but data_offsets span {entry.End - entry.Begin} bytes.");
        }
        if (expected > 0)
        {
            _stream.Position = _dataStart + entry.Begin;
            tensor.ReadBytesFromStream(_stream);
        }
        return tensor;
    }

    private static (Dictionary<string, SafeTensorsEntry>, Dictionary<string, string>) ParseHeader(string path, byte[] header, long dataLength)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(header) as JsonObject ?? throw new InvalidDataException($"{path}: the header is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: the header is not valid JSON: {e.Message}", e);
        }
        var entries = new Dictionary<string, SafeTensorsEntry>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, JsonNode? node) in json)
        {
            if (name == "__metadata__")
            {
                foreach ((string key, JsonNode? value) in node as JsonObject ?? [])
                {
                    metadata[key] = value?.GetValue<string>() ?? "";
                }
                continue;
            }
            try
            {
                var o = (JsonObject)node!;
                long[] shape = o["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
                var offsets = o["data_offsets"]!.AsArray();
                long begin = offsets[0]!.GetValue<long>(), end = offsets[1]!.GetValue<long>();
                if (begin < 0 || end < begin || end > dataLength)
                {
                    throw new InvalidDataException($"data_offsets [{begin}, {end}] outside the data section of {dataLength} bytes");
                }
                entries[name] = new SafeTensorsEntry(name, o["dtype"]!.GetValue<string>(), shape, begin, end);
            }
            catch (Exception e) when (e is InvalidCastException or NullReferenceException or InvalidOperationException or FormatException or InvalidDataException)
            {
                throw new InvalidDataException($"{path}: header entry \"{name}\" is malformed (expected {{\"dtype\", \"shape\", \"data_offsets\"}}): {e.Message}", e);
            }
        }
        return (entries, metadata);
    }

    public void Dispose() => _stream.Dispose();
}

using System.Buffers.Binary;

namespace SearchR1.Retrieval.Dense;

/// <summary>
/// Reads the header of a FAISS <c>IndexFlatIP</c> / <c>IndexFlatL2</c> file (the original's <c>e5_Flat.index</c>),
/// as faiss's <c>write_index</c> lays it out, little-endian (docs/RETRIEVAL.md):
/// <code>
/// fourcc "IxFI" (inner product) | "IxF2" (L2)   4 bytes
/// d            int32                           dimension
/// ntotal       int64                           number of vectors
/// dummy, dummy int64, int64                    1 &lt;&lt; 20 each (unused)
/// is_trained   uint8
/// metric_type  int32                           0 = inner product, 1 = L2
/// metric_arg   float32                         only when metric_type &gt; 1
/// codes size   uint64                          ntotal × d (number of floats)
/// codes        ntotal × d float32              row i = corpus line i
/// </code>
/// The vectors are then memory-mapped in place (<see cref="MappedVectors"/>): a 60 GiB file is never read into memory.
/// </summary>
public static class FaissFlatIndexFile
{
    public static (long Rows, int Dimension, long DataOffset, bool InnerProduct) ReadHeader(string path)
    {
        using FileStream stream = File.OpenRead(path);
        Span<byte> header = stackalloc byte[4 + 4 + 8 + 8 + 8 + 1 + 4];
        if (stream.Read(header) != header.Length)
        {
            throw new InvalidDataException($"{path}: too short for a FAISS index header");
        }
        string fourcc = System.Text.Encoding.ASCII.GetString(header[..4]);
        if (fourcc is not ("IxFI" or "IxF2"))
        {
            throw new InvalidDataException(
                $"{path}: fourcc '{fourcc}': expected 'IxFI' (IndexFlatIP) or 'IxF2' (IndexFlatL2); other FAISS index types (HNSW, IVF, PQ) are not flat and are not supported");
        }
        int d = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        long ntotal = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
        int metric = BinaryPrimitives.ReadInt32LittleEndian(header[33..]);
        long position = header.Length;
        if (metric > 1)
        {
            position += 4;
        }
        if (d <= 0 || ntotal < 0)
        {
            throw new InvalidDataException($"{path}: header fields 'd' = {d}, 'ntotal' = {ntotal}: expected a positive dimension and a non-negative count");
        }
        stream.Position = position;
        Span<byte> sizeBytes = stackalloc byte[8];
        stream.ReadExactly(sizeBytes);
        ulong floats = BinaryPrimitives.ReadUInt64LittleEndian(sizeBytes);
        if (floats != (ulong)ntotal * (ulong)d)
        {
            throw new InvalidDataException($"{path}: codes size {floats}: expected ntotal × d = {ntotal} × {d} = {ntotal * d}");
        }
        long dataOffset = position + 8;
        long expected = dataOffset + ntotal * d * 4L;
        if (stream.Length < expected)
        {
            throw new InvalidDataException($"{path}: truncated: {ntotal} × {d} float32 need {expected} bytes, the file has {stream.Length}");
        }
        return (ntotal, d, dataOffset, metric == 0);
    }
}

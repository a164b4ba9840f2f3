using System.IO.MemoryMappedFiles;

namespace SearchR1.Retrieval.Dense;

/// <summary>
/// A row-major matrix of vectors memory-mapped from a file (.npy or FAISS flat), read in place: the operating
/// system pages rows in as they are scanned, so an index larger than RAM still opens at once.
/// </summary>
public sealed unsafe class MappedVectors : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;

    public MappedVectors(string path, long dataOffset, long rows, int dimension, VectorDType type)
    {
        Path = path;
        Rows = rows;
        Dimension = dimension;
        Type = type;
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + _view.PointerOffset + dataOffset;
    }

    public string Path { get; }

    public long Rows { get; }

    public int Dimension { get; }

    public VectorDType Type { get; }

    /// <summary>Opens an .npy matrix.</summary>
    public static MappedVectors OpenNpy(string path)
    {
        (long rows, int columns, VectorDType type, long offset) = NpyFormat.ReadHeader(path);
        return new MappedVectors(path, offset, rows, columns, type);
    }

    /// <summary>Opens the vectors of a FAISS flat index file.</summary>
    public static MappedVectors OpenFaiss(string path)
    {
        (long rows, int dimension, long offset, _) = FaissFlatIndexFile.ReadHeader(path);
        return new MappedVectors(path, offset, rows, dimension, VectorDType.Float32);
    }

    /// <summary>Rows [start, start + count) as float32 (valid while this object lives).</summary>
    public ReadOnlySpan<float> Float32Rows(long start, int count)
    {
        if (Type != VectorDType.Float32)
        {
            throw new InvalidOperationException("The vectors are float16.");
        }
        return new ReadOnlySpan<float>(_base + start * Dimension * 4, count * Dimension);
    }

    /// <summary>Rows [start, start + count) as float16.</summary>
    public ReadOnlySpan<Half> Float16Rows(long start, int count)
    {
        if (Type != VectorDType.Float16)
        {
            throw new InvalidOperationException("The vectors are float32.");
        }
        return new ReadOnlySpan<Half>(_base + start * Dimension * 2, count * Dimension);
    }

    /// <summary>Copies rows [start, start + count) into <paramref name="target"/> as float32, whatever the stored type.</summary>
    public void CopyRows(long start, int count, Span<float> target)
    {
        if (Type == VectorDType.Float32)
        {
            Float32Rows(start, count).CopyTo(target);
        }
        else
        {
            System.Numerics.Tensors.TensorPrimitives.ConvertToSingle(Float16Rows(start, count), target);
        }
    }

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}

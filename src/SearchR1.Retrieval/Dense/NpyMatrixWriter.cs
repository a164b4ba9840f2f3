namespace SearchR1.Retrieval.Dense;

/// <summary>Writes an .npy matrix row batch by row batch (constant memory); the shape is patched in on <see cref="Complete"/>.</summary>
public sealed class NpyMatrixWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly int _columns;
    private readonly VectorDType _type;
    private byte[] _buffer = [];

    public NpyMatrixWriter(string path, int columns, VectorDType type)
    {
        _columns = columns;
        _type = type;
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        _stream.Write(NpyFormat.Header(0, columns, type));
    }

    public long Rows { get; private set; }

    /// <summary>Appends rows (row-major, a multiple of the column count).</summary>
    public void Append(ReadOnlySpan<float> rows)
    {
        if (rows.Length % _columns != 0)
        {
            throw new ArgumentException($"{rows.Length} values are not whole rows of {_columns}.", nameof(rows));
        }
        int bytes = rows.Length * _type.Size();
        if (_buffer.Length < bytes)
        {
            _buffer = new byte[bytes];
        }
        if (_type == VectorDType.Float16)
        {
            Span<Half> halves = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(_buffer.AsSpan(0, bytes));
            System.Numerics.Tensors.TensorPrimitives.ConvertToHalf(rows, halves);
        }
        else
        {
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(rows).CopyTo(_buffer);
        }
        _stream.Write(_buffer, 0, bytes);
        Rows += rows.Length / _columns;
    }

    /// <summary>Writes the final shape into the header and flushes to disk.</summary>
    public void Complete()
    {
        _stream.Position = 0;
        _stream.Write(NpyFormat.Header(Rows, _columns, _type));
        _stream.Flush(flushToDisk: true);
    }

    public void Dispose() => _stream.Dispose();
}

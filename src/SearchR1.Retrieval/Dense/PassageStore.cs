using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;
using SearchR1.Core.Data;

namespace SearchR1.Retrieval.Dense;

/// <summary>
/// The passages of a dense index in row order: a Search-R1 jsonl file plus an offsets file (row count + 1 int64
/// byte offsets), so row i is one positioned read away. Thread-safe (positioned reads share no cursor).
/// </summary>
public sealed class PassageStore : IDisposable
{
    private readonly SafeFileHandle _passages;
    private readonly SafeFileHandle _offsets;
    private readonly string _path;

    public PassageStore(string passagesPath, string offsetsPath)
    {
        _path = passagesPath;
        _passages = File.OpenHandle(passagesPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        _offsets = File.OpenHandle(offsetsPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        long length = RandomAccess.GetLength(_offsets);
        if (length < 8 || length % 8 != 0)
        {
            throw new InvalidDataException($"{offsetsPath}: expected (rows + 1) int64 offsets, the file has {length} bytes");
        }
        Count = length / 8 - 1;
    }

    public long Count { get; }

    /// <summary>The passage of row <paramref name="row"/>.</summary>
    public CorpusRecord Get(long row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        Span<byte> pair = stackalloc byte[16];
        RandomAccess.Read(_offsets, pair, row * 8);
        long start = BinaryPrimitives.ReadInt64LittleEndian(pair);
        long end = BinaryPrimitives.ReadInt64LittleEndian(pair[8..]);
        var bytes = new byte[end - start];
        int read = 0;
        while (read < bytes.Length)
        {
            int n = RandomAccess.Read(_passages, bytes.AsSpan(read), start + read);
            if (n == 0)
            {
                throw new InvalidDataException($"{_path}: row {row}: the file ends before byte {end}");
            }
            read += n;
        }
        return CorpusReader.ParseLine(Encoding.UTF8.GetString(bytes).TrimEnd('\n'), _path, row + 1);
    }

    public void Dispose()
    {
        _passages.Dispose();
        _offsets.Dispose();
    }

    /// <summary>Writes a passage store in corpus order, streaming.</summary>
    public sealed class Writer : IDisposable
    {
        private readonly FileStream _passages;
        private readonly BufferedStream _offsets;
        private readonly byte[] _eight = new byte[8];
        private long _position;

        public Writer(string passagesPath, string offsetsPath)
        {
            _passages = new FileStream(passagesPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            _offsets = new BufferedStream(new FileStream(offsetsPath, FileMode.Create, FileAccess.Write, FileShare.None), 1 << 16);
            WriteOffset(0);
        }

        public long Count { get; private set; }

        public void Add(CorpusRecord record)
        {
            byte[] line = Encoding.UTF8.GetBytes(CorpusWriter.FormatLine(record) + "\n");
            _passages.Write(line);
            _position += line.Length;
            WriteOffset(_position);
            Count++;
        }

        public void Complete()
        {
            _offsets.Flush();
            _passages.Flush(flushToDisk: true);
        }

        public void Dispose()
        {
            _passages.Dispose();
            _offsets.Dispose();
        }

        private void WriteOffset(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_eight, value);
            _offsets.Write(_eight);
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SearchR1.Retrieval.Dense;

/// <summary>
/// NumPy's <c>.npy</c> format for a C-ordered 2-D matrix of little-endian float32 (<c>&lt;f4</c>) or float16
/// (<c>&lt;f2</c>): magic <c>\x93NUMPY</c>, version, header length, a Python-dict header padded to a multiple of
/// 64 bytes, then the rows. Readable by <c>numpy.load(path, mmap_mode="r")</c>.
/// </summary>
public static partial class NpyFormat
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Header size the streaming writer reserves (room for any row count), so the shape can be patched at the end.</summary>
    public const int ReservedHeaderSize = 128;

    /// <summary>The header bytes for a matrix of <paramref name="rows"/> × <paramref name="columns"/>, exactly <see cref="ReservedHeaderSize"/> long.</summary>
    public static byte[] Header(long rows, int columns, VectorDType type)
    {
        string descr = type == VectorDType.Float16 ? "<f2" : "<f4";
        string dict = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({rows}, {columns}), }}");
        int textLength = ReservedHeaderSize - 10;
        string padded = dict.PadRight(textLength - 1) + "\n";
        var header = new byte[ReservedHeaderSize];
        Magic.CopyTo(header, 0);
        header[6] = 1;
        header[7] = 0;
        BitConverter.TryWriteBytes(header.AsSpan(8, 2), (ushort)textLength);
        Encoding.ASCII.GetBytes(padded, header.AsSpan(10));
        return header;
    }

    /// <summary>Reads the header of an .npy file: shape, element type and where the data starts.</summary>
    public static (long Rows, int Columns, VectorDType Type, long DataOffset) ReadHeader(string path)
    {
        using FileStream stream = File.OpenRead(path);
        Span<byte> start = stackalloc byte[12];
        if (stream.Read(start) < 10 || !start[..6].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path}: not an .npy file (magic \\x93NUMPY missing)");
        }
        int major = start[6];
        int headerLength;
        long dataOffset;
        if (major == 1)
        {
            headerLength = BitConverter.ToUInt16(start.Slice(8, 2));
            dataOffset = 10 + headerLength;
        }
        else if (major is 2 or 3)
        {
            headerLength = (int)BitConverter.ToUInt32(start.Slice(8, 4));
            dataOffset = 12 + headerLength;
        }
        else
        {
            throw new InvalidDataException($"{path}: .npy version {major} is not supported (expected 1, 2 or 3)");
        }
        var text = new byte[headerLength];
        stream.Position = dataOffset - headerLength;
        stream.ReadExactly(text);
        string dict = Encoding.ASCII.GetString(text);
        Match descr = DescrPattern().Match(dict);
        Match shape = ShapePattern().Match(dict);
        if (!descr.Success)
        {
            throw new InvalidDataException($"{path}: header field 'descr': expected '<f4' or '<f2', found {dict.Trim()}");
        }
        if (dict.Contains("'fortran_order': True", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: header field 'fortran_order': expected False (C order)");
        }
        if (!shape.Success)
        {
            throw new InvalidDataException($"{path}: header field 'shape': expected a 2-D shape (rows, dimension), found {dict.Trim()}");
        }
        VectorDType type = descr.Groups[1].Value == "2" ? VectorDType.Float16 : VectorDType.Float32;
        long rows = long.Parse(shape.Groups[1].Value, CultureInfo.InvariantCulture);
        int columns = int.Parse(shape.Groups[2].Value, CultureInfo.InvariantCulture);
        long expected = dataOffset + rows * columns * type.Size();
        if (stream.Length < expected)
        {
            throw new InvalidDataException($"{path}: truncated: shape ({rows}, {columns}) needs {expected} bytes, the file has {stream.Length}");
        }
        return (rows, columns, type, dataOffset);
    }

    [GeneratedRegex(@"'descr':\s*'[<|]f([24])'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'shape':\s*\(\s*(\d+)\s*,\s*(\d+)\s*,?\s*\)")]
    private static partial Regex ShapePattern();
}

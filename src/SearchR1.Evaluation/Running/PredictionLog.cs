using System.Text;
using System.Text.Json;

namespace SearchR1.Evaluation.Running;

/// <summary>
/// <c>predictions.jsonl</c>: one <see cref="EvalRecord"/> per line, append-only and flushed per record, so a run
/// killed at any point loses at most the line being written. Opening it again reads what is there (a torn last
/// line is cut off) and tells the evaluator which examples are done.
/// </summary>
public sealed class PredictionLog : IDisposable
{
    public const string FileName = "predictions.jsonl";

    // Relaxed escaping keeps the protocol tags readable (<answer>, not \u003Canswer\u003E); the file is data, not HTML.
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly FileStream _stream;
    private readonly List<EvalRecord> _records;
    private readonly HashSet<(string Method, string Key)> _done;

    private PredictionLog(string path, FileStream stream, List<EvalRecord> records)
    {
        Path = path;
        _stream = stream;
        _records = records;
        _done = records.Select(r => (r.Method, r.Key)).ToHashSet();
    }

    public string Path { get; }

    /// <summary>Every record in the file, in the order written.</summary>
    public IReadOnlyList<EvalRecord> Records => _records;

    /// <summary>Opens (or creates) the log in <paramref name="folder"/>.</summary>
    public static PredictionLog Open(string folder)
    {
        Directory.CreateDirectory(folder);
        string path = System.IO.Path.Combine(folder, FileName);
        long keep = 0;
        var records = new List<EvalRecord>();
        if (File.Exists(path))
        {
            records = ReadValidPrefix(path, out keep);
        }
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        stream.SetLength(keep);
        stream.Seek(0, SeekOrigin.End);
        return new PredictionLog(path, stream, records);
    }

    /// <summary>Reads a predictions file (any run folder); fails on a malformed line other than a torn last one.</summary>
    public static IReadOnlyList<EvalRecord> Read(string path) => ReadValidPrefix(path, out _);

    public bool Contains(string method, string key) => _done.Contains((method, key));

    /// <summary>Appends the record and flushes it to disk.</summary>
    public void Append(EvalRecord record)
    {
        byte[] line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Json) + "\n");
        _stream.Write(line);
        _stream.Flush(flushToDisk: true);
        _records.Add(record);
        _done.Add((record.Method, record.Key));
    }

    public void Dispose() => _stream.Dispose();

    private static long LengthOfValidPrefix(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int lastNewline = Array.LastIndexOf(bytes, (byte)'\n');
        return lastNewline + 1;
    }

    private static List<EvalRecord> ReadValidPrefix(string path, out long validLength)
    {
        var records = new List<EvalRecord>();
        string text = File.ReadAllText(path, Encoding.UTF8);
        string[] lines = text.Split('\n');
        // The last element is "" when the file ends with a newline, or a line torn by an interrupted write.
        for (int i = 0; i < lines.Length - 1; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }
            try
            {
                records.Add(JsonSerializer.Deserialize<EvalRecord>(lines[i], Json)
                    ?? throw new JsonException("null record"));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}, line {i + 1}: not an evaluation record ({e.Message}).", e);
            }
        }
        validLength = LengthOfValidPrefix(path);
        return records;
    }
}

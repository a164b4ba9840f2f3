using System.Text.Json;
using System.Text.Json.Nodes;
using SearchR1.Modeling.SafeTensors;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Checkpoints;

/// <summary>The safetensors files of a model folder, single or sharded, as one key → tensor lookup.</summary>
internal sealed class CheckpointFiles : IDisposable
{
    private readonly Dictionary<string, SafeTensorsFile> _fileOfKey = new(StringComparer.Ordinal);
    private readonly List<SafeTensorsFile> _files = [];

    public string Folder { get; }

    private CheckpointFiles(string folder) => Folder = folder;

    public IEnumerable<string> Keys => _fileOfKey.Keys;

    public static CheckpointFiles Open(string folder)
    {
        var files = new CheckpointFiles(folder);
        try
        {
            string index = Path.Combine(folder, HfCheckpoint.IndexFile);
            string single = Path.Combine(folder, HfCheckpoint.SingleFile);
            if (File.Exists(index))
            {
                files.OpenSharded(index);
            }
            else if (File.Exists(single))
            {
                files.Add(SafeTensorsFile.Open(single), keys: null);
            }
            else
            {
                throw new FileNotFoundException($"{folder}: neither {HfCheckpoint.SingleFile} nor {HfCheckpoint.IndexFile} (only safetensors checkpoints are supported).");
            }
            return files;
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    public bool Contains(string key) => _fileOfKey.ContainsKey(key);

    public string FileOf(string key) => _fileOfKey[key].Path;

    public Tensor Read(string key) => _fileOfKey[key].Read(key);

    public ScalarType StoredType(string key) =>
        _fileOfKey.TryGetValue(key, out var file)
            ? SafeTensorsDType.ToScalarType(file.Entries[key].DType)
            : throw new InvalidDataException($"{Folder}: the checkpoint has no \"{key}\".");

    private void OpenSharded(string index)
    {
        JsonObject weightMap;
        try
        {
            weightMap = JsonNode.Parse(File.ReadAllText(index))?["weight_map"] as JsonObject
                ?? throw new InvalidDataException($"{index}: no \"weight_map\" object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{index}: not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
        foreach (var group in weightMap.GroupBy(p => p.Value?.GetValue<string>() ?? throw new InvalidDataException($"{index}: weight_map[\"{p.Key}\"] is not a file name.")))
        {
            string path = Path.Combine(Path.GetDirectoryName(index)!, group.Key);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{index}: weight_map names {group.Key}, which is not in the folder.", path);
            }
            Add(SafeTensorsFile.Open(path), group.Select(p => p.Key).ToList());
        }
    }

    private void Add(SafeTensorsFile file, IReadOnlyList<string>? keys)
    {
        _files.Add(file);
        foreach (string key in keys ?? file.Entries.Keys.ToList())
        {
            if (!file.Entries.ContainsKey(key))
            {
                throw new InvalidDataException($"{file.Path}: the index lists \"{key}\" in this shard, but the shard has no such tensor.");
            }
            _fileOfKey[key] = file;
        }
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }
    }
}

namespace SearchR1.Retrieval.Indexing;

/// <summary>
/// Builds an index folder atomically: everything is written into a sibling temporary folder, which replaces the
/// target only on <see cref="Commit"/>. An interrupted build leaves a <c>*.building-*</c> folder without a
/// manifest (never something that looks like a valid index); re-running replaces the previous index.
/// </summary>
public sealed class StagingFolder : IDisposable
{
    private bool _committed;

    public StagingFolder(string finalPath)
    {
        FinalPath = System.IO.Path.GetFullPath(finalPath).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        if (File.Exists(FinalPath))
        {
            throw new IOException($"{FinalPath} is a file; the index output must be a folder.");
        }
        if (Directory.Exists(FinalPath)
            && Directory.EnumerateFileSystemEntries(FinalPath).Any()
            && !File.Exists(System.IO.Path.Combine(FinalPath, IndexManifest.FileName)))
        {
            throw new IOException(
                $"{FinalPath} exists, is not empty and holds no {IndexManifest.FileName}: refusing to replace a folder that is not a SearchR1 index.");
        }
        string parent = System.IO.Path.GetDirectoryName(FinalPath) ?? ".";
        Directory.CreateDirectory(parent);
        Path = $"{FinalPath}.building-{Environment.ProcessId}-{Guid.NewGuid():N}";
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder the index ends up in.</summary>
    public string FinalPath { get; }

    /// <summary>The temporary folder to write into.</summary>
    public string Path { get; }

    /// <summary>Moves the finished folder into place, replacing a previous index there.</summary>
    public void Commit()
    {
        string? previous = null;
        if (Directory.Exists(FinalPath))
        {
            previous = $"{FinalPath}.replaced-{Environment.ProcessId}-{Guid.NewGuid():N}";
            Directory.Move(FinalPath, previous);
        }
        Directory.Move(Path, FinalPath);
        _committed = true;
        if (previous is not null)
        {
            TryDelete(previous);
        }
    }

    public void Dispose()
    {
        if (!_committed)
        {
            TryDelete(Path);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary folder has no manifest, so nothing mistakes it for an index.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

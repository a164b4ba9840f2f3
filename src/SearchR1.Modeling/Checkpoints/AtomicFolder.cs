namespace SearchR1.Modeling.Checkpoints;

/// <summary>Writes a folder all at once: built beside the target under a temporary name, then renamed into place.</summary>
public static class AtomicFolder
{
    public static void Write(string folder, Action<string> fill)
    {
        string full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        string parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(staging);
        try
        {
            fill(staging);
            if (Directory.Exists(full))
            {
                // A folder cannot be replaced in one rename: move the old one aside first, then drop it.
                string old = staging + ".old";
                Directory.Move(full, old);
                Directory.Move(staging, full);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(staging, full);
            }
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
            throw;
        }
    }
}

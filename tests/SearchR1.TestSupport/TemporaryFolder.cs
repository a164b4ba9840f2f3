namespace SearchR1.TestSupport;

/// <summary>
/// A fresh path under the temp folder, not created (code under test often insists on creating its output folder
/// itself), and deleted with everything in it when the test class is disposed.
/// </summary>
public sealed class TemporaryFolder(string prefix) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

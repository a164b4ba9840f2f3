namespace SearchR1.TestSupport;

/// <summary>
/// Locates <c>../shared</c> (real public data and reference outputs made with the Python originals) beside
/// the repository. Conformance tests read it in place; it is never copied into the repository.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The shared folder, or null where it is absent (conformance tests then report themselves skipped).</summary>
    public static string? Folder => Root.Value;

    /// <summary>True where ../shared is present.</summary>
    public static bool Available => Root.Value is not null;

    /// <summary>A path inside ../shared, e.g. <c>SharedData.Path("data/reward/reward-vectors-dev.jsonl")</c>.</summary>
    public static string Path(string relative) =>
        System.IO.Path.Combine(Root.Value ?? throw new InvalidOperationException("../shared is not available"), relative);

    /// <summary>The repository root (the folder holding SearchR1.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string? FindRoot()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("SEARCHR1_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }
        string candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared"));
        return Directory.Exists(System.IO.Path.Combine(candidate, "data")) ? candidate : null;
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "SearchR1.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException($"SearchR1.slnx not found above {AppContext.BaseDirectory}");
    }
}

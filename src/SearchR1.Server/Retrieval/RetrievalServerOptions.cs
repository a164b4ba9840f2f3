namespace SearchR1.Server.Retrieval;

/// <summary>
/// <c>searchr1 serve retriever</c> settings. Defaults are safe for a machine on a shared network: loopback only,
/// bounded bodies, batches, query lengths and top-k.
/// </summary>
public sealed record RetrievalServerOptions
{
    /// <summary>Address to bind: 127.0.0.1 unless told otherwise (the original bound 0.0.0.0).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port (0: any free port, see <see cref="RetrievalServer.BaseAddress"/>).</summary>
    public int Port { get; init; } = 8000;

    /// <summary>topk used when a request sends null, 0 or nothing (the original's default).</summary>
    public int DefaultTopK { get; init; } = 3;

    /// <summary>Largest topk accepted.</summary>
    public int MaxTopK { get; init; } = 1000;

    /// <summary>Most queries in one request.</summary>
    public int MaxQueries { get; init; } = 4096;

    /// <summary>Longest query accepted, in characters.</summary>
    public int MaxQueryChars { get; init; } = 8192;

    /// <summary>Largest request body, in bytes.</summary>
    public long MaxBodyBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>How long a SIGTERM waits for requests in flight before stopping.</summary>
    public double ShutdownTimeoutSeconds { get; init; } = 10;
}

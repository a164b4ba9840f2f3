namespace SearchR1.Server.Policy;

/// <summary>Where <c>searchr1 serve policy</c> listens and how it batches.</summary>
/// <param name="Host">Bind address (loopback by default; 0.0.0.0 exposes it).</param>
/// <param name="Port">TCP port; 0 picks a free one (the bound address is reported).</param>
/// <param name="MaxBatch">Requests generated together.</param>
/// <param name="BatchWindow">How long the first request of a batch waits for others to join it.</param>
public sealed record PolicyServerOptions(
    string Host = "127.0.0.1",
    int Port = 8001,
    int MaxBatch = 32,
    TimeSpan? BatchWindow = null)
{
    public TimeSpan Window => BatchWindow ?? TimeSpan.FromMilliseconds(5);
}

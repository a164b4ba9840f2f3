using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SearchR1.Retrieval;

namespace SearchR1.Server.Retrieval;

/// <summary>
/// <c>searchr1 serve retriever</c>: the Search-R1 <c>/retrieve</c> API over any <see cref="IRetriever"/>, so the
/// original trainer (or <see cref="SearchR1.Retrieval.Http.HttpRetriever"/>) can use our indexes. Start it, read
/// <see cref="BaseAddress"/>, dispose it to stop (requests in flight finish first).
/// </summary>
public sealed class RetrievalServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RetrievalServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:8000/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Binds and starts serving; with port 0 a free port is chosen.</summary>
    public static async Task<RetrievalServer> StartAsync(IRetriever retriever, RetrievalServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{FormatHost(options.Host)}:{options.Port}");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The endpoint enforces the body limit itself (to answer in JSON); Kestrel's is a backstop above it.
            kestrel.Limits.MaxRequestBodySize = 2 * options.MaxBodyBytes + 1024;
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownTimeoutSeconds));
        WebApplication app = builder.Build();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                await RetrievalEndpoints.WriteErrorAsync(context, 500, null, $"internal error: {e.Message}").ConfigureAwait(false);
            }
        });
        app.UseStatusCodePages(async status =>
        {
            HttpContext context = status.HttpContext;
            string message = context.Response.StatusCode switch
            {
                404 => $"no such endpoint: {context.Request.Method} {context.Request.Path}; use POST /retrieve or GET /health",
                405 => $"method {context.Request.Method} is not allowed on {context.Request.Path}",
                _ => $"HTTP {context.Response.StatusCode}",
            };
            await RetrievalEndpoints.WriteErrorAsync(context, context.Response.StatusCode, null, message).ConfigureAwait(false);
        });
        RetrievalEndpoints.Map(app, retriever, options);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RetrievalServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> fires or the process gets SIGTERM / Ctrl+C.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) =>
        _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static string FormatHost(string host) =>
        host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
}

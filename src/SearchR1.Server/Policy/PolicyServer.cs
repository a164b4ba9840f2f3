using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SearchR1.Evaluation.Policies;

namespace SearchR1.Server.Policy;

/// <summary>
/// <c>searchr1 serve policy</c>: an OpenAI-compatible server over a local model, so anything that speaks the
/// protocol (our evaluator, vLLM clients, LangChain, …) can use it. Start it, read <see cref="BaseAddress"/>,
/// dispose it to stop.
/// </summary>
public sealed class PolicyServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RequestBatcher _batcher;

    private PolicyServer(WebApplication app, RequestBatcher batcher, Uri baseAddress)
    {
        _app = app;
        _batcher = batcher;
        BaseAddress = baseAddress;
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:8001/</c> (the OpenAI base URL is this plus <c>v1</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Binds and starts serving; with port 0 a free port is chosen.</summary>
    public static async Task<PolicyServer> StartAsync(ITextContinuer continuer, PolicyServerOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        var app = builder.Build();
        var batcher = new RequestBatcher(continuer, options);
        PolicyEndpoints.Map(app, continuer, batcher);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PolicyServer(app, batcher, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _batcher.DisposeAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

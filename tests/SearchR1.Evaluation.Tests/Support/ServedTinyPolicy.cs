using SearchR1.Evaluation.Agents;
using SearchR1.Server.Policy;
using SearchR1.TestSupport;

namespace SearchR1.Evaluation.Tests.Support;

/// <summary>
/// Shared by the end-to-end tests: a tiny local model served by our own OpenAI-compatible server on 127.0.0.1
/// (a free port), and a BM25 index over the first passages of the wiki-18 sample.
/// </summary>
public sealed class ServedTinyPolicy : IAsyncLifetime
{
    public string ModelFolder { get; private set; } = "";

    public AgentFactory.LocalModel Local { get; private set; } = null!;

    public PolicyServer Server { get; private set; } = null!;

    public TinyIndex Index { get; private set; } = null!;

    public Uri Endpoint => new(Server.BaseAddress, "v1");

    public async Task InitializeAsync()
    {
        ModelFolder = TinyPolicyModel.Create();
        Local = AgentFactory.LoadLocal(ModelFolder, "cpu");
        Server = await PolicyServer.StartAsync(Local.Continuer(), new PolicyServerOptions(Port: 0));
        Index = SharedData.Available
            ? TinyIndex.FromCorpus(SharedData.Path("data/corpus/wiki18-sample1000.jsonl"), 300)
            : TinyIndex.Of(("Paris", "Paris is the capital of France."));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Local.Dispose();
        Index.Dispose();
        Directory.Delete(ModelFolder, recursive: true);
    }
}

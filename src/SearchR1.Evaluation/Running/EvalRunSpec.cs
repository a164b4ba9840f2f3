using SearchR1.Evaluation.Methods;
using SearchR1.Evaluation.Policies;

namespace SearchR1.Evaluation.Running;

/// <summary>
/// Everything <c>searchr1 eval</c> was asked: which policy (a local model folder or an endpoint), which data,
/// which retriever, which methods, the protocol settings and where to write.
/// </summary>
public sealed record EvalRunSpec
{
    /// <summary>A local Hugging Face model folder (exclusive with <see cref="Endpoint"/>).</summary>
    public string? ModelPath { get; init; }

    /// <summary>An OpenAI-compatible server (exclusive with <see cref="ModelPath"/>).</summary>
    public OpenAiEndpointOptions? Endpoint { get; init; }

    /// <summary>Completions route: the folder whose chat template wraps the prompt.</summary>
    public string? TokenizerPath { get; init; }

    /// <summary>Device for a local model (cpu, cuda, cuda:N; null = best available).</summary>
    public string? Device { get; init; }

    public required IReadOnlyList<string> DataFiles { get; init; }

    /// <summary>An index folder (BM25 or dense, opened by its manifest).</summary>
    public string? IndexPath { get; init; }

    /// <summary>A Search-R1 <c>/retrieve</c> server.</summary>
    public string? RetrieverUrl { get; init; }

    public IReadOnlyList<EvalMethod> Methods { get; init; } = [EvalMethod.SearchR1];

    /// <summary>At most this many questions per data source.</summary>
    public int? Limit { get; init; }

    /// <summary>Protocol settings; its <see cref="EvalOptions.OutputDirectory"/> is the run folder.</summary>
    public EvalOptions Options { get; init; } = new();

    /// <summary>Recorded in the manifest.</summary>
    public string? CommandLine { get; init; }

    /// <summary>The retriever as the manifest names it.</summary>
    public string? RetrieverDescription => IndexPath is not null ? Path.GetFullPath(IndexPath) : RetrieverUrl;
}

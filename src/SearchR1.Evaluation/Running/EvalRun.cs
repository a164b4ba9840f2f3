using SearchR1.Core.Data;
using SearchR1.Evaluation.Agents;
using SearchR1.Evaluation.Methods;
using SearchR1.Evaluation.Reports;
using SearchR1.Retrieval;

namespace SearchR1.Evaluation.Running;

/// <summary>What a run produced: one result per method, the table, and the folder holding the files.</summary>
public sealed record EvalRunOutcome(IReadOnlyList<EvalResult> Results, ResultTable Table, string Folder);

/// <summary>
/// <c>searchr1 eval</c> as a library call: load the data, open the retriever and the policy, run each method
/// (resuming from the folder's predictions), then write the manifest and the tables (markdown, CSV, PNG).
/// </summary>
public static class EvalRun
{
    public static async Task<EvalRunOutcome> RunAsync(
        EvalRunSpec spec, IProgress<EvalProgress>? progress = null, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        string folder = spec.Options.OutputDirectory ?? throw new ArgumentException("The run needs an output folder (--out DIR).", nameof(spec));
        if ((spec.ModelPath is null) == (spec.Endpoint is null))
        {
            throw new ArgumentException("Give exactly one policy: --model DIR or --endpoint URL.", nameof(spec));
        }
        bool needsRetriever = spec.Methods.Any(EvalMethods.UsesRetriever);
        if (needsRetriever && spec.IndexPath is null && spec.RetrieverUrl is null)
        {
            throw new ArgumentException(
                $"Methods {string.Join(", ", spec.Methods.Where(EvalMethods.UsesRetriever).Select(EvalMethods.Name))} search: give --index DIR or --retriever-url URL.",
                nameof(spec));
        }

        IReadOnlyList<QaExample> examples = await EvalData.LoadAsync(spec.DataFiles, spec.Limit, cancellationToken).ConfigureAwait(false);
        log?.Invoke($"{examples.Count} questions from {spec.DataFiles.Count} file(s): " +
            string.Join(", ", examples.GroupBy(e => e.DataSource).Select(g => $"{g.Key} {g.Count()}")));

        using AgentFactory.LocalModel? local = spec.ModelPath is null ? null : AgentFactory.LoadLocal(spec.ModelPath, spec.Device);
        ISearchAgent agent = local is not null ? local.Agent() : AgentFactory.OpenEndpoint(spec.Endpoint!, spec.TokenizerPath);

        var manifest = RunManifest.From(spec.Options, agent.Description, spec.RetrieverDescription,
            spec.Methods.Select(EvalMethods.Name).ToList(), spec.DataFiles.Select(Path.GetFullPath).ToList(), spec.Limit, spec.CommandLine);
        Directory.CreateDirectory(folder);
        if (RunManifest.TryRead(folder) is RunManifest earlier)
        {
            if (manifest.ConflictWith(earlier) is string conflict)
            {
                throw new InvalidOperationException(
                    $"{folder} holds predictions made with other settings ({conflict}); use another --out folder.");
            }
            manifest = manifest with
            {
                StartedUtc = earlier.StartedUtc,
                Retriever = manifest.Retriever ?? earlier.Retriever,
                Methods = earlier.Methods.Union(manifest.Methods).ToList(),
                Data = earlier.Data.Union(manifest.Data).ToList(),
            };
        }
        manifest.Write(folder);

        using IRetriever? retriever = needsRetriever ? RetrieverFactory.Open(spec.IndexPath ?? spec.RetrieverUrl!) : null;
        var results = new List<EvalResult>();
        foreach (EvalMethod method in spec.Methods)
        {
            var options = spec.Options with { Method = method };
            results.Add(await Evaluator.RunAsync(agent, examples, retriever, options, progress, cancellationToken).ConfigureAwait(false));
        }

        var table = new ResultTable(results.Select(r => new ResultRow(r.Method, r.Datasets)).ToList());
        (manifest with { UpdatedUtc = DateTimeOffset.UtcNow }).Write(folder);
        RunFolder.WriteTables(folder, table, manifest);
        ResultChart.SavePng(table, ScoreMetric.Em, Path.Combine(folder, RunFolder.ChartFile));
        return new EvalRunOutcome(results, table, folder);
    }
}

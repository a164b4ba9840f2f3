using System.Diagnostics;
using SearchR1.Core.Data;
using SearchR1.Core.Protocol;
using SearchR1.Core.Rewards;
using SearchR1.Evaluation.Agents;
using SearchR1.Evaluation.Methods;
using SearchR1.Retrieval;

namespace SearchR1.Evaluation.Running;

/// <summary>
/// Runs one method over QA examples and scores every answer as the original's reward does (SPEC §4: the answer
/// is extracted from prompt + response, EM / sub-EM / F1 against the golden answers). The library entry point
/// behind <c>searchr1 eval</c>; the demo's before/after table calls it too.
/// </summary>
public static class Evaluator
{
    /// <param name="agent">The policy: a local model (<see cref="LocalRolloutAgent"/>) or an endpoint (<see cref="TextSearchAgent"/>).</param>
    /// <param name="examples">The questions, each with its <c>data_source</c> (results are grouped by it).</param>
    /// <param name="retriever">Needed by search-r1 and rag; ignored by the other methods.</param>
    /// <param name="options">Method and protocol settings; with an output folder, the run resumes.</param>
    /// <param name="progress">Reported after each batch.</param>
    public static async Task<EvalResult> RunAsync(
        ISearchAgent agent,
        IReadOnlyList<QaExample> examples,
        IRetriever? retriever,
        EvalOptions options,
        IProgress<EvalProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        string method = EvalMethods.Name(options.Method);
        if (EvalMethods.UsesRetriever(options.Method) && retriever is null)
        {
            throw new ArgumentException($"Method {method} needs a retriever (--index DIR or --retriever-url URL).", nameof(retriever));
        }
        using PredictionLog? log = options.OutputDirectory is null ? null : PredictionLog.Open(options.OutputDirectory);
        var keys = ExampleKeys.For(examples);
        var pending = Enumerable.Range(0, examples.Count).Where(i => log is null || !log.Contains(method, keys[i])).ToList();
        var byKey = new Dictionary<string, EvalRecord>();
        if (log is not null)
        {
            foreach (EvalRecord record in log.Records.Where(r => r.Method == method))
            {
                byKey[record.Key] = record;
            }
        }
        int resumed = examples.Count - pending.Count;
        double emSum = keys.Where(byKey.ContainsKey).Sum(k => byKey[k].Em);
        int done = resumed;
        progress?.Report(new EvalProgress(method, done, examples.Count, resumed, done == 0 ? 0 : emSum / done));

        AgentSettings settings = options.AgentSettings();
        int batchSize = Math.Max(1, options.BatchSize);
        for (int start = 0; start < pending.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = pending.Skip(start).Take(batchSize).Select(i => examples[i]).ToList();
            var batchKeys = pending.Skip(start).Take(batchSize).Select(i => keys[i]).ToList();
            var watch = Stopwatch.StartNew();
            var (prompts, ragSearches) = await BuildPromptsAsync(options, batch, retriever, cancellationToken).ConfigureAwait(false);
            var trajectories = await agent.RunAsync(prompts, settings, retriever, cancellationToken).ConfigureAwait(false);
            double seconds = watch.Elapsed.TotalSeconds / batch.Count;
            for (int j = 0; j < batch.Count; j++)
            {
                EvalRecord record = Score(method, batchKeys[j], batch[j], prompts[j], trajectories[j], ragSearches?[j], seconds);
                log?.Append(record);
                byKey[record.Key] = record;
                emSum += record.Em;
                done++;
            }
            progress?.Report(new EvalProgress(method, done, examples.Count, resumed, emSum / done));
        }

        // Records in the order of the examples given (not of the log), restricted to them.
        var records = keys.Where(byKey.ContainsKey).Select(k => byKey[k]).ToList();
        return new EvalResult(method, records);
    }

    /// <summary>The scored record of one trajectory: the answer comes from prompt + response (SPEC §4.1–4.2).</summary>
    public static EvalRecord Score(
        string method, string key, QaExample example, string prompt, AgentTrajectory trajectory, IReadOnlyList<string>? ragSearches,
        double seconds)
    {
        string solution = trajectory.SequenceText ?? prompt + trajectory.Response;
        AnswerScore score = AnswerScorer.ScoreSequence(solution, example.GoldenAnswers);
        return new EvalRecord
        {
            Key = key,
            Id = example.Id,
            DataSource = example.DataSource,
            Method = method,
            Question = example.Question,
            GoldenAnswers = example.GoldenAnswers,
            Prompt = prompt,
            Response = trajectory.Response,
            Turns = trajectory.Turns,
            Searches = ragSearches ?? trajectory.Searches,
            SolutionStr = solution,
            Prediction = score.Extracted,
            Answered = trajectory.Answered,
            Em = score.ExactMatch,
            SubEm = score.SubstringExactMatch,
            F1 = score.TokenF1,
            ResponseTokens = trajectory.ResponseTokens,
            Seconds = Math.Round(seconds, 4),
        };
    }

    private static async Task<(List<string> Prompts, List<IReadOnlyList<string>>? RagSearches)> BuildPromptsAsync(
        EvalOptions options, List<QaExample> batch, IRetriever? retriever, CancellationToken cancellationToken)
    {
        if (options.Method != EvalMethod.Rag)
        {
            return (batch.Select(e => MethodPrompts.Build(options.Method, e.Question)).ToList(), null);
        }
        // RAG: the question itself is the query (FlashRAG's naive RAG), one batched call for the whole batch.
        var queries = batch.Select(e => e.Question.Trim()).ToList();
        var hits = await retriever!.SearchAsync(queries, options.TopK, cancellationToken).ConfigureAwait(false);
        var prompts = batch.Select((e, j) =>
            MethodPrompts.Build(EvalMethod.Rag, e.Question, InformationFormatter.FormatDocuments(hits[j].Select(p => p.Contents)))).ToList();
        return (prompts, queries.Select(q => (IReadOnlyList<string>)[q]).ToList());
    }
}

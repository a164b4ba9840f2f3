using System.Diagnostics;
using SearchR1.Core.Protocol;
using SearchR1.Modeling.Tokenization;
using SearchR1.Retrieval;

namespace SearchR1.Training.Rollout;

/// <summary>
/// The multi-turn search rollout of Search-R1 (SPEC §2, the original's <c>run_llm_loop</c>), usable for training
/// (sampling) and evaluation (greedy). Each turn: generate for the active rows until an action closes, parse the
/// actions, send every search of the turn to the retriever in ONE batch, append the observations (token-in /
/// token-out: sampled ids are kept, observations are tokenised once and marked), and retire answered rows.
/// After <c>max_turns</c> turns, rows still active get one final generation whose search is not executed.
/// </summary>
public static class SearchRollout
{
    /// <summary>Runs the rollout for <paramref name="prompts"/> (user-message texts, e.g. the Search-R1 prompt of a question).</summary>
    public static async Task<RolloutResult> RunAsync(
        IRolloutPolicy policy, HfTokenizer tokenizer, IRetriever? retriever, IReadOnlyList<string> prompts,
        RolloutOptions options, CancellationToken ct = default)
    {
        var rows = new List<RolloutRow>(prompts.Count);
        var promptIds = new List<int[]>(prompts.Count);
        for (int i = 0; i < prompts.Count; i++)
        {
            int[] ids = tokenizer.Encode(FormatPrompt(tokenizer, prompts[i], options));
            bool truncated = ids.Length > options.MaxStartLength;
            ids = truncated ? ids[^options.MaxStartLength..] : ids;
            promptIds.Add(ids);
            rows.Add(new RolloutRow(i, new Trajectory(ids), truncated));
        }

        var generationClock = new Stopwatch();
        var retrievalClock = new Stopwatch();
        var watcher = new StopStringWatcher(tokenizer, rows.Count);
        using var session = policy.StartSession(promptIds, options.Sampling);
        for (int turn = 1; turn <= options.MaxTurns + 1; turn++)
        {
            bool finalTurn = turn == options.MaxTurns + 1; // generate once more; a search here is not executed
            var active = new List<RolloutRow>();
            var budgets = new List<int>();
            foreach (var row in rows.Where(r => r.Active))
            {
                int budget = TurnBudget(row.Trajectory, options);
                if (budget <= 0)
                {
                    row.ContextTruncated = true;
                    Retire(row, session);
                    continue;
                }
                active.Add(row);
                budgets.Add(budget);
                watcher.Reset(row.Index);
            }
            if (active.Count == 0)
            {
                break;
            }

            generationClock.Start();
            Func<int, IReadOnlyList<int>, bool> stop = options.StopAtActionTags ? watcher.Add : static (_, _) => false;
            var outputs = session.Generate(active.Select(r => r.Index).ToArray(), budgets, stop, ct);
            generationClock.Stop();

            var searches = new List<(RolloutRow Row, string Query)>();
            for (int k = 0; k < active.Count; k++)
            {
                var (row, output) = (active[k], outputs[k]);
                int keep = options.StopAtActionTags ? output.TokenIds.Length : StopStringWatcher.CutLength(tokenizer, output.TokenIds);
                row.Trajectory.AppendPolicy(output.TokenIds.AsSpan(0, keep), turn, output.LogProbs.AsSpan(0, keep));
                row.Generations++;
                row.TurnLimitHits += output.TokenIds.Length >= budgets[k] && !output.EndedWithEos && keep == output.TokenIds.Length ? 1 : 0;
                string text = tokenizer.Decode(output.TokenIds.Take(keep), skipSpecialTokens: true);
                AgentAction action = ActionParser.Parse(ResponseCutter.Cut(text));
                row.ValidActions += action.IsValid ? 1 : 0;
                row.Searches += action.IsSearch ? 1 : 0;
                if (action.IsAnswer)
                {
                    (row.Finished, row.Answer) = (true, action.Content);
                    Retire(row, session);
                }
                else if (finalTurn)
                {
                    Retire(row, session); // ends unfinished: no observation, no search
                }
                else if (action.IsSearch)
                {
                    searches.Add((row, action.Content));
                }
                else
                {
                    AppendObservation(row, ProtocolText.InvalidActionObservation, turn, tokenizer, session, options);
                }
            }

            if (searches.Count > 0)
            {
                if (retriever is null)
                {
                    throw new InvalidOperationException("the policy searched but no retriever was given (set retriever.index or retriever.url)");
                }
                retrievalClock.Start();
                var results = await retriever.SearchAsync(searches.Select(s => s.Query).ToArray(), options.TopK, ct).ConfigureAwait(false);
                retrievalClock.Stop();
                for (int s = 0; s < searches.Count; s++)
                {
                    searches[s].Row.ExecutedSearches++;
                    string observation = InformationFormatter.Observation(results[s].Select(p => p.Contents));
                    AppendObservation(searches[s].Row, observation, turn, tokenizer, session, options);
                }
            }
            foreach (var row in active.Where(r => r.Active && !finalTurn))
            {
                row.Turns++;
            }
        }
        foreach (var row in rows.Where(r => r.Active))
        {
            Retire(row, session);
        }
        return new RolloutResult(rows, generationClock.Elapsed.TotalSeconds, retrievalClock.Elapsed.TotalSeconds);
    }

    /// <summary>The prompt text the model reads: the chat template around the user message when the tokenizer has one.</summary>
    public static string FormatPrompt(HfTokenizer tokenizer, string userPrompt, RolloutOptions options) =>
        options.ApplyChatTemplate && tokenizer.HasChatTemplate
            ? tokenizer.ApplyChatTemplate([new ChatMessage("user", userPrompt)], addGenerationPrompt: true)
            : userPrompt;

    // New tokens this turn may add: the per-turn limit, and what the context and response caps leave.
    private static int TurnBudget(Trajectory trajectory, RolloutOptions options) => Math.Min(
        options.MaxResponseLength,
        Math.Min(options.MaxPromptLength - trajectory.Count, options.MaxPromptLength - trajectory.ResponseLength));

    private static void AppendObservation(
        RolloutRow row, string text, int turn, HfTokenizer tokenizer, IRolloutSession session, RolloutOptions options)
    {
        int[] ids = tokenizer.Encode(text);
        if (ids.Length > options.MaxObsLength)
        {
            ids = ids[..options.MaxObsLength];
            row.ObservationsTruncated++;
        }
        int room = options.MaxPromptLength - row.Trajectory.Count; // the context cap: the row cannot grow further
        if (ids.Length > room)
        {
            ids = ids[..Math.Max(0, room)];
            row.ContextTruncated = true;
        }
        row.Trajectory.AppendObservation(ids, turn);
        if (ids.Length > 0)
        {
            session.Append(row.Index, ids);
        }
    }

    private static void Retire(RolloutRow row, IRolloutSession session)
    {
        row.Active = false;
        session.Release(row.Index);
    }
}

using System.Text;
using SearchR1.Core.Protocol;
using SearchR1.Evaluation.Policies;
using SearchR1.Evaluation.Running;
using SearchR1.Retrieval;

namespace SearchR1.Evaluation.Agents;

/// <summary>
/// The Search-R1 loop (SPEC §2.2–2.5) over a text policy: same turn structure, same cut, same action parsing,
/// same observation strings as the trainer's rollout, but on text, so it works with any OpenAI-compatible
/// server. Differences from the token-level rollout (documented in docs/EVALUATION.md): observations are not
/// cut at 500 tokens and the rolling context is not left-truncated, because the text side has no tokenizer.
/// </summary>
public sealed class TextSearchAgent(ITextPolicy policy) : ISearchAgent
{
    public string Description => policy.Description;

    public async Task<IReadOnlyList<AgentTrajectory>> RunAsync(
        IReadOnlyList<string> userMessages, AgentSettings settings, IRetriever? retriever, CancellationToken cancellationToken)
    {
        int count = userMessages.Count;
        var response = new StringBuilder[count];
        var turns = new List<EvalTurn>[count];
        var searches = new List<string>[count];
        var tokens = new int[count];
        var answered = new bool[count];
        var active = new List<int>(count);
        for (int i = 0; i < count; i++)
        {
            response[i] = new StringBuilder();
            turns[i] = [];
            searches[i] = [];
            active.Add(i);
        }
        var sampling = new SamplingSettings(settings.MaxResponseTokens, settings.Temperature, ProtocolText.StopStrings, settings.Seed);

        for (int step = 0; step < settings.MaxTurns && active.Count > 0; step++)
        {
            if (retriever is null)
            {
                throw new InvalidOperationException("A search agent with MaxTurns > 0 needs a retriever.");
            }
            var completions = await GenerateAsync(active, userMessages, response, sampling, cancellationToken).ConfigureAwait(false);
            var texts = new string[active.Count];
            var actions = new AgentAction[active.Count];
            var searchRows = new List<int>();
            for (int j = 0; j < active.Count; j++)
            {
                texts[j] = ResponseCutter.Cut(completions[j].Text);
                actions[j] = ActionParser.Parse(texts[j]);
                if (actions[j].IsSearch)
                {
                    searchRows.Add(j);
                }
            }
            // All searches of a turn go to the retriever as one batch (SPEC §2.5).
            var hits = searchRows.Count == 0
                ? []
                : await retriever.SearchAsync(searchRows.Select(j => actions[j].Content).ToList(), settings.TopK, cancellationToken)
                    .ConfigureAwait(false);
            var observations = new string[active.Count];
            for (int s = 0; s < searchRows.Count; s++)
            {
                observations[searchRows[s]] = InformationFormatter.Observation(hits[s].Select(p => p.Contents));
            }
            var stillActive = new List<int>(active.Count);
            for (int j = 0; j < active.Count; j++)
            {
                int row = active[j];
                AgentAction action = actions[j];
                string observation = action.Kind switch
                {
                    AgentActionKind.Answer => "",
                    AgentActionKind.Search => observations[j],
                    _ => ProtocolText.InvalidActionObservation,
                };
                if (action.IsSearch)
                {
                    searches[row].Add(action.Content);
                }
                Record(row, texts[j], action, observation, completions[j]);
                if (action.IsAnswer)
                {
                    answered[row] = true;
                }
                else
                {
                    stillActive.Add(row);
                }
            }
            active = stillActive;
        }

        // Final generation for rows still active: a search here is not executed and nothing is appended.
        if (active.Count > 0)
        {
            var completions = await GenerateAsync(active, userMessages, response, sampling, cancellationToken).ConfigureAwait(false);
            for (int j = 0; j < active.Count; j++)
            {
                string text = ResponseCutter.Cut(completions[j].Text);
                AgentAction action = ActionParser.Parse(text);
                Record(active[j], text, action, "", completions[j]);
                answered[active[j]] = action.IsAnswer;
            }
        }

        var result = new AgentTrajectory[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = new AgentTrajectory(response[i].ToString(), turns[i], searches[i], answered[i], tokens[i]);
        }
        return result;

        void Record(int row, string text, AgentAction action, string observation, PolicyCompletion completion)
        {
            response[row].Append(text).Append(observation);
            tokens[row] += completion.TokenCount;
            turns[row].Add(new EvalTurn
            {
                Response = text,
                Action = action.Kind.ToString().ToLowerInvariant(),
                Content = action.Content,
                Observation = observation,
                Tokens = completion.TokenCount,
                Finish = FinishName(completion.Finish),
            });
        }
    }

    internal static string FinishName(CompletionFinish finish) => finish switch
    {
        CompletionFinish.StopString => "stop",
        CompletionFinish.EndOfSequence => "eos",
        _ => "length",
    };

    private async Task<IReadOnlyList<PolicyCompletion>> GenerateAsync(
        List<int> rows, IReadOnlyList<string> userMessages, StringBuilder[] response, SamplingSettings sampling,
        CancellationToken cancellationToken)
    {
        var inputs = rows.Select(r => new PolicyInput(userMessages[r], response[r].ToString())).ToList();
        return await policy.CompleteAsync(inputs, sampling, cancellationToken).ConfigureAwait(false);
    }
}

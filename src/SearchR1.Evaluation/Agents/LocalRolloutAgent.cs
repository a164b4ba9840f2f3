using SearchR1.Core.Protocol;
using SearchR1.Evaluation.Running;
using SearchR1.Modeling.Tokenization;
using SearchR1.Modeling.Transformer;
using SearchR1.Retrieval;
using SearchR1.Training.Rollout;

namespace SearchR1.Evaluation.Agents;

/// <summary>
/// A local model evaluated through the trainer's own token-level rollout (<see cref="SearchRollout"/>): the same
/// code, the same KV-cache generation, the same masks and caps as training validation, so evaluating a
/// checkpoint reproduces the validation numbers the trainer (and the demo) reported.
/// </summary>
public sealed class LocalRolloutAgent(IRolloutPolicy policy, HfTokenizer tokenizer, string description) : ISearchAgent
{
    /// <summary>Context cap per row (SPEC §2.1 <c>max_prompt_length</c>), as the trainer sets it.</summary>
    public int MaxPromptLength { get; init; } = 4096;

    /// <summary>The first <c>max_start_length</c> tokens of a prompt are kept (SPEC §2.1).</summary>
    public int MaxStartLength { get; init; } = 2048;

    public string Description => description;

    /// <summary>
    /// The agent over a model already in memory (e.g. the demo's policy after RL), with the trainer's rollout
    /// policy and context cap.
    /// </summary>
    public static LocalRolloutAgent For(CausalLanguageModel model, HfTokenizer tokenizer, string description, int maxPromptLength = 4096) =>
        new(new ModelRolloutPolicy(model, maxPromptLength, tokenizer.EosTokenIds), tokenizer, description) { MaxPromptLength = maxPromptLength };

    /// <summary>The rollout options for these settings: greedy at temperature 0 (SPEC preamble), sampled otherwise.</summary>
    public RolloutOptions RolloutOptionsFor(AgentSettings settings) => new()
    {
        MaxTurns = settings.MaxTurns,
        MaxStartLength = MaxStartLength,
        MaxPromptLength = MaxPromptLength,
        MaxResponseLength = settings.MaxResponseTokens,
        MaxObsLength = settings.MaxObservationTokens,
        TopK = settings.TopK,
        Sampling = settings.Temperature <= 0
            ? SamplingSettings.GreedyDecoding
            : new SamplingSettings(Temperature: settings.Temperature, Seed: settings.Seed),
    };

    public async Task<IReadOnlyList<AgentTrajectory>> RunAsync(
        IReadOnlyList<string> userMessages, AgentSettings settings, IRetriever? retriever, CancellationToken cancellationToken)
    {
        RolloutResult result = await SearchRollout.RunAsync(policy, tokenizer, retriever, userMessages, RolloutOptionsFor(settings), cancellationToken)
            .ConfigureAwait(false);
        return result.Rows.OrderBy(r => r.Index).Select(Describe).ToList();
    }

    private AgentTrajectory Describe(RolloutRow row)
    {
        Trajectory trajectory = row.Trajectory;
        var ids = trajectory.TokenIds;
        var turns = new List<EvalTurn>();
        var searches = new List<string>();
        var response = new System.Text.StringBuilder();
        var segments = trajectory.Segments().Where(s => s.Source != TokenSource.Prompt).ToList();
        for (int i = 0; i < segments.Count; i++)
        {
            TrajectorySegment segment = segments[i];
            if (segment.Source != TokenSource.Policy)
            {
                continue;
            }
            int[] policyIds = ids.Skip(segment.Start).Take(segment.Length).ToArray();
            string text = tokenizer.Decode(policyIds, skipSpecialTokens: true);
            AgentAction action = ActionParser.Parse(ResponseCutter.Cut(text));
            string observation = "";
            if (i + 1 < segments.Count && segments[i + 1].Source == TokenSource.Observation)
            {
                TrajectorySegment next = segments[i + 1];
                observation = tokenizer.Decode(ids.Skip(next.Start).Take(next.Length), skipSpecialTokens: false);
                if (action.IsSearch)
                {
                    searches.Add(action.Content);
                }
            }
            bool eos = policyIds.Length > 0 && tokenizer.EosTokenIds.Contains(policyIds[^1]);
            bool stopped = text.EndsWith(ProtocolText.SearchClose, StringComparison.Ordinal)
                || text.EndsWith(ProtocolText.AnswerClose, StringComparison.Ordinal);
            response.Append(text).Append(observation);
            turns.Add(new EvalTurn
            {
                Response = text,
                Action = action.Kind.ToString().ToLowerInvariant(),
                Content = action.Content,
                Observation = observation,
                Tokens = policyIds.Length,
                Finish = eos ? "eos" : stopped ? "stop" : "length",
            });
        }
        // The original's reward manager scores prompt + response decoded WITHOUT skipping special tokens (SPEC §4.1).
        string sequence = tokenizer.Decode(ids, skipSpecialTokens: false);
        return new AgentTrajectory(response.ToString(), turns, searches, row.Finished, trajectory.CountOf(TokenSource.Policy))
        {
            SequenceText = sequence,
        };
    }
}

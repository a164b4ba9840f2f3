namespace SearchR1.Training.Rollout;

/// <summary>The rows of one rollout batch, in input order, with the batch's metrics.</summary>
/// <param name="Rows">One per prompt, in order.</param>
/// <param name="GenerationSeconds">Wall time spent generating.</param>
/// <param name="RetrievalSeconds">Wall time spent waiting for the retriever.</param>
public sealed record RolloutResult(IReadOnlyList<RolloutRow> Rows, double GenerationSeconds, double RetrievalSeconds)
{
    /// <summary>
    /// The original's environment metrics (SPEC §2.6: <c>env/number_of_actions/*</c>, <c>env/finish_ratio</c>,
    /// valid actions and searches, <c>state_tokens/coverage</c>) plus truncation counts and response lengths.
    /// </summary>
    public IReadOnlyDictionary<string, double> Metrics()
    {
        var metrics = new Dictionary<string, double>();
        if (Rows.Count == 0)
        {
            return metrics;
        }
        double n = Rows.Count;
        metrics["env/number_of_actions/mean"] = Rows.Average(r => r.Turns);
        metrics["env/number_of_actions/max"] = Rows.Max(r => r.Turns);
        metrics["env/number_of_actions/min"] = Rows.Min(r => r.Turns);
        metrics["env/finish_ratio"] = Rows.Count(r => r.Finished) / n;
        metrics["env/number_of_valid_action"] = Rows.Average(r => r.ValidActions);
        metrics["env/ratio_of_valid_action"] = Rows.Average(r => r.ValidActions / (double)r.Turns);
        metrics["env/number_of_valid_search"] = Rows.Average(r => r.Searches);
        metrics["env/searches_executed"] = Rows.Average(r => r.ExecutedSearches);
        long responseTokens = Rows.Sum(r => (long)r.Trajectory.ResponseLength);
        long observationTokens = Rows.Sum(r => (long)r.Trajectory.CountOf(Core.Protocol.TokenSource.Observation));
        metrics["state_tokens/total"] = responseTokens - observationTokens;
        metrics["state_tokens/coverage"] = responseTokens == 0 ? 0 : (responseTokens - observationTokens) / (double)responseTokens;
        metrics["response_length/mean"] = responseTokens / n;
        metrics["response_length/max"] = Rows.Max(r => r.Trajectory.ResponseLength);
        metrics["truncation/prompt"] = Rows.Count(r => r.PromptTruncated);
        metrics["truncation/observation"] = Rows.Sum(r => r.ObservationsTruncated);
        metrics["truncation/context"] = Rows.Count(r => r.ContextTruncated);
        metrics["truncation/turn_limit"] = Rows.Sum(r => r.TurnLimitHits);
        metrics["timing_s/generation"] = GenerationSeconds;
        metrics["timing_s/retrieval"] = RetrievalSeconds;
        return metrics;
    }
}

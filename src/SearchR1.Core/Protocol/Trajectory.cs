namespace SearchR1.Core.Protocol;

/// <summary>
/// One rollout as token ids, recording for every token who wrote it (<see cref="TokenSource"/>), the
/// log-probability the policy gave it when sampled (NaN otherwise), and its turn (0 for the prompt; generation
/// turns count from 1, and an observation belongs to the turn whose action produced it).
/// The masks are derived from this record, never kept separately: the loss mask marks policy tokens; the
/// info mask is the attention mask with every observation token zeroed (SPEC §2.6). No tensors here: the trainer
/// converts and pads.
/// </summary>
public sealed class Trajectory
{
    private readonly List<int> _tokenIds = [];
    private readonly List<TokenSource> _sources = [];
    private readonly List<float> _logProbs = [];
    private readonly List<int> _turns = [];

    /// <summary>Starts a trajectory with its prompt.</summary>
    public Trajectory(ReadOnlySpan<int> promptTokenIds)
    {
        foreach (int id in promptTokenIds)
        {
            Add(id, TokenSource.Prompt, float.NaN, 0);
        }
        PromptLength = promptTokenIds.Length;
    }

    /// <summary>Number of tokens (prompt and response).</summary>
    public int Count => _tokenIds.Count;

    /// <summary>Number of prompt tokens; they always come first.</summary>
    public int PromptLength { get; }

    /// <summary>Number of tokens after the prompt (policy and observation).</summary>
    public int ResponseLength => Count - PromptLength;

    /// <summary>The last turn recorded (0 while only the prompt is there).</summary>
    public int LastTurn => _turns.Count == 0 ? 0 : _turns[^1];

    public IReadOnlyList<int> TokenIds => _tokenIds;

    public IReadOnlyList<TokenSource> Sources => _sources;

    /// <summary>Per token: the sampling log-probability, NaN for tokens that were not sampled.</summary>
    public IReadOnlyList<float> LogProbs => _logProbs;

    public IReadOnlyList<int> Turns => _turns;

    /// <summary>
    /// Appends tokens the policy wrote in <paramref name="turn"/>. <paramref name="logProbs"/> holds one value per
    /// token, or is empty for tokens the policy did not sample (e.g. teacher-forced text).
    /// </summary>
    public void AppendPolicy(ReadOnlySpan<int> tokenIds, int turn, ReadOnlySpan<float> logProbs = default)
    {
        if (!logProbs.IsEmpty && logProbs.Length != tokenIds.Length)
        {
            throw new ArgumentException(
                $"Expected one log-prob per token ({tokenIds.Length}), got {logProbs.Length}.", nameof(logProbs));
        }
        CheckTurn(turn);
        for (int i = 0; i < tokenIds.Length; i++)
        {
            Add(tokenIds[i], TokenSource.Policy, logProbs.IsEmpty ? float.NaN : logProbs[i], turn);
        }
    }

    /// <summary>Appends environment text (retrieved information, the invalid-action notice) for <paramref name="turn"/>.</summary>
    public void AppendObservation(ReadOnlySpan<int> tokenIds, int turn)
    {
        CheckTurn(turn);
        foreach (int id in tokenIds)
        {
            Add(id, TokenSource.Observation, float.NaN, turn);
        }
    }

    /// <summary>1 for policy tokens, 0 for prompt and observation tokens; over the whole trajectory.</summary>
    public int[] LossMask() => Mask(0, Count, static source => source == TokenSource.Policy);

    /// <summary>1 for every token except observation tokens; over the whole trajectory.</summary>
    public int[] InfoMask() => Mask(0, Count, static source => source != TokenSource.Observation);

    /// <summary>
    /// The response part of the info mask, which is the original's loss mask for the response (it equals
    /// <see cref="LossMask"/> restricted to the response, as no prompt token follows the prompt).
    /// </summary>
    public int[] ResponseInfoMask() => Mask(PromptLength, Count, static source => source != TokenSource.Observation);

    public int[] ResponseTokenIds() => [.. _tokenIds.Skip(PromptLength)];

    public float[] ResponseLogProbs() => [.. _logProbs.Skip(PromptLength)];

    public int[] PromptTokenIds() => [.. _tokenIds.Take(PromptLength)];

    /// <summary>Number of tokens of <paramref name="source"/>.</summary>
    public int CountOf(TokenSource source) => _sources.Count(s => s == source);

    /// <summary>The trajectory as maximal runs of one source and turn, in order.</summary>
    public IReadOnlyList<TrajectorySegment> Segments()
    {
        var segments = new List<TrajectorySegment>();
        int start = 0;
        for (int i = 1; i <= Count; i++)
        {
            if (i == Count || _sources[i] != _sources[start] || _turns[i] != _turns[start])
            {
                segments.Add(new TrajectorySegment(_sources[start], _turns[start], start, i - start));
                start = i;
            }
        }
        return segments;
    }

    private void CheckTurn(int turn)
    {
        if (turn < 1 || turn < LastTurn)
        {
            throw new ArgumentOutOfRangeException(
                nameof(turn), turn, $"Turns count from 1 and never go back (last turn so far: {LastTurn}).");
        }
    }

    private void Add(int id, TokenSource source, float logProb, int turn)
    {
        _tokenIds.Add(id);
        _sources.Add(source);
        _logProbs.Add(logProb);
        _turns.Add(turn);
    }

    private int[] Mask(int from, int to, Func<TokenSource, bool> included)
    {
        var mask = new int[to - from];
        for (int i = from; i < to; i++)
        {
            mask[i - from] = included(_sources[i]) ? 1 : 0;
        }
        return mask;
    }
}

namespace SearchR1.Demo.Base;

/// <summary>
/// How often the base model's example trajectories use the right strategy. The base sees every behaviour a
/// real base model shows (guessing, searching for the wrong thing, answering half-way through a two-hop
/// question, searching well) but the right one only a minority of the time, so its EM starts low and the
/// improvement is RL's doing.
/// </summary>
/// <param name="SearchRight">First turn: search the question's entity (the right strategy).</param>
/// <param name="SearchWrong">First turn: search another entity of the same kind (and answer what that finds).</param>
/// <param name="ContinueRight">Two-hop, after a right first search: search the entity just found (else answer it
/// straight away, which is wrong).</param>
/// <param name="PassageShare">Share of pretraining samples that are plain encyclopedia passages.</param>
/// <param name="ReadingShare">Share of pretraining samples that are reading exercises: a question, the passages a
/// search for its (last) entity returns, and the fact and answer copied from them. They carry no Search-R1 prompt
/// and no choice of strategy, so they teach reading without changing how often the base searches.</param>
/// <param name="CopyDrillShare">Share of samples that are copy drills: a random run of throwaway words, then the
/// same run again. The run's length varies, so the repeat cannot be found at a fixed distance, only by looking
/// the current word up: the classic way to grow the induction circuit that reading needs.</param>
/// <param name="ReadingWeight">Loss weight of policy text that follows an observation (the fact restated from the
/// passages, the answer, the next search). Those few tokens are the only ones that need the passages; at weight 1
/// the many predictable tokens around them drown their gradient.</param>
/// <remarks>
/// The rest of the first turn (1 − right − wrong) guesses an answer without searching. Guessing, and answering
/// half-way, are each the single most likely choice (above 0.5), so greedy decoding of the base never follows
/// the right strategy: evaluation is greedy, and a base whose mode already searched well would score high
/// before any RL. Sampling (what RL explores with) follows it often enough for a group to contain successes.
/// </remarks>
public sealed record BaseBehaviour(
    double SearchRight = 0.4,
    double SearchWrong = 0,
    double ContinueRight = 0.4,
    double PassageShare = 0,
    double ReadingShare = 0.5,
    double CopyDrillShare = 0.2,
    double ReadingWeight = 1);

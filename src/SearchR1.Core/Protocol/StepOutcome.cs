namespace SearchR1.Core.Protocol;

/// <summary>
/// What the environment answers to one turn (SPEC §2.5): the observation to append (empty when nothing is
/// appended), whether the trajectory is done, whether the action was valid, and whether it was a search.
/// </summary>
public sealed record StepOutcome(string Observation, bool Done, bool ValidAction, bool IsSearch);

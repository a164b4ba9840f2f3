namespace SearchR1.Core.Protocol;

/// <summary>A maximal run of tokens with the same source and turn: <c>[Start, Start + Length)</c> of the trajectory.</summary>
public readonly record struct TrajectorySegment(TokenSource Source, int Turn, int Start, int Length);

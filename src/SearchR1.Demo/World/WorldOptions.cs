namespace SearchR1.Demo.World;

/// <summary>How big a synthetic world to generate, and from which seed.</summary>
/// <param name="Seed">Everything (names, facts, questions) follows from it.</param>
/// <param name="Countries">Countries per partition.</param>
/// <param name="Cities">Cities per partition.</param>
/// <param name="People">People per partition.</param>
/// <param name="Organisations">Organisations per partition.</param>
/// <param name="Works">Works per partition.</param>
/// <param name="PretrainingScale">The pretraining partition is this many times larger (more variety for the base).</param>
/// <param name="TrainQuestionsPerKind">RL training questions, of each kind (single-hop, two-hop).</param>
/// <param name="TestQuestionsPerKind">Held-out questions, of each kind.</param>
/// <param name="NameStems">Distinct name stems (<see cref="NameParts"/>).</param>
public sealed record WorldOptions(
    int Seed = 7,
    int Countries = 6,
    int Cities = 24,
    int People = 120,
    int Organisations = 40,
    int Works = 60,
    int PretrainingScale = 30,
    int TrainQuestionsPerKind = 400,
    int TestQuestionsPerKind = 100,
    int NameStems = 1200)
{
    /// <summary>A small world for the CI end-to-end test.</summary>
    public static WorldOptions Fast { get; } = new(
        Countries: 3, Cities: 8, People: 30, Organisations: 10, Works: 15, PretrainingScale: 2,
        TrainQuestionsPerKind: 40, TestQuestionsPerKind: 12, NameStems: 150);
}

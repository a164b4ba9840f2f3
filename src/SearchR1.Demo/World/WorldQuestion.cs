namespace SearchR1.Demo.World;

/// <summary>One step of the right strategy: search <paramref name="Query"/>, read <paramref name="Fact"/>.</summary>
/// <param name="Query">The entity name to search for.</param>
/// <param name="Fact">The sentence of the entity's passage that answers this step, as the passage words it.</param>
public sealed record Hop(string Query, string Fact);

/// <summary>A question about the world with its golden answer and the searches that find it.</summary>
/// <param name="Relation">Which question template (e.g. "born_in", "founder_born_in").</param>
/// <param name="Hops">The right strategy, one search per hop; the last hop's fact holds the answer.</param>
public sealed record WorldQuestion(
    string Question,
    string Answer,
    QuestionKind Kind,
    string Relation,
    WorldPartition Partition,
    IReadOnlyList<Hop> Hops);

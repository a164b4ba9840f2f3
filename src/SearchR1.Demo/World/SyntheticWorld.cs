namespace SearchR1.Demo.World;

/// <summary>A generated world: every entity of every partition. Facts are random, so only a search can find them.</summary>
public sealed class SyntheticWorld
{
    public SyntheticWorld(
        WorldOptions options,
        IReadOnlyList<Country> countries,
        IReadOnlyList<City> cities,
        IReadOnlyList<Person> people,
        IReadOnlyList<Organisation> organisations,
        IReadOnlyList<Work> works,
        IReadOnlySet<string> inventedWords,
        NameParts nameParts)
    {
        Options = options;
        Countries = countries;
        Cities = cities;
        People = people;
        Organisations = organisations;
        Works = works;
        InventedWords = inventedWords;
        NameParts = nameParts;
    }

    public WorldOptions Options { get; }

    public IReadOnlyList<Country> Countries { get; }

    public IReadOnlyList<City> Cities { get; }

    public IReadOnlyList<Person> People { get; }

    public IReadOnlyList<Organisation> Organisations { get; }

    public IReadOnlyList<Work> Works { get; }

    /// <summary>Every made-up word of the world's names (not the common words of titles and suffixes).</summary>
    public IReadOnlySet<string> InventedWords { get; }

    /// <summary>The stems and suffixes the invented words are made of.</summary>
    public NameParts NameParts { get; }

    public IEnumerable<Person> PeopleIn(WorldPartition partition) => People.Where(p => p.Partition == partition);

    public IEnumerable<City> CitiesIn(WorldPartition partition) => Cities.Where(c => c.Partition == partition);

    public IEnumerable<Organisation> OrganisationsIn(WorldPartition partition) =>
        Organisations.Where(o => o.Partition == partition);

    public IEnumerable<Work> WorksIn(WorldPartition partition) => Works.Where(w => w.Partition == partition);
}

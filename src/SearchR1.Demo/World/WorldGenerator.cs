namespace SearchR1.Demo.World;

/// <summary>Generates a <see cref="SyntheticWorld"/> from <see cref="WorldOptions"/>: same seed, same world.</summary>
public static class WorldGenerator
{
    /// <summary>(kind, the person's role for it, the occupation of people who make it, what the person did to it).</summary>
    public static IReadOnlyList<(string Kind, string Role, string Occupation, string MadeVerb)> WorkKinds { get; } =
    [
        ("novel", "author", "writer", "written"),
        ("album", "singer", "singer", "recorded"),
        ("film", "director", "director", "directed"),
        ("perfume", "singer", "singer", "launched"),
    ];

    internal static readonly string[] OrganisationKinds = ["company", "record label", "publisher", "film studio", "bank"];

    internal static readonly string[] OrganisationSuffixes = ["Group", "Records", "Press", "Studios", "Holdings", "Works"];

    internal static readonly string[] Occupations = ["writer", "singer", "director", "engineer", "painter", "chemist"];

    private static readonly string[] TitleAdjectives =
    [
        "Silent", "Golden", "Broken", "Hidden", "Crimson", "Distant", "Hollow", "Burning", "Quiet", "Wild",
        "Frozen", "Velvet", "Bitter", "Endless", "Pale", "Restless", "Secret", "Winter", "Scarlet", "Lonely",
    ];

    private static readonly string[] TitleNouns =
    [
        "Harbor", "Garden", "River", "Mirror", "Lantern", "Orchid", "Shadow", "Valley", "Tide", "Ember",
        "Crown", "Meadow", "Storm", "Echo", "Feather", "Compass", "Island", "Ashes", "Signal", "Horizon",
    ];

    public static SyntheticWorld Generate(WorldOptions options)
    {
        var random = new Random(options.Seed);
        var reserved = FixedVocabulary().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var names = new NameGenerator(random, NameParts.Draw(random, options.NameStems, reserved));
        var countries = new List<Country>();
        var cities = new List<City>();
        var people = new List<Person>();
        var organisations = new List<Organisation>();
        var works = new List<Work>();
        var usedTitles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (WorldPartition partition in Enum.GetValues<WorldPartition>())
        {
            int scale = partition == WorldPartition.Pretraining ? options.PretrainingScale : 1;
            var partCountries = Enumerable.Range(0, options.Countries * scale)
                .Select(_ => new Country(names.CountryName(), partition)).ToList();
            var partCities = Enumerable.Range(0, options.Cities * scale)
                .Select(i => new City(
                    names.CityName(),
                    // Every country gets a city first, so none is left without one.
                    partCountries[i < partCountries.Count ? i : random.Next(partCountries.Count)],
                    random.Next(2, 900) * 1000,
                    partition))
                .ToList();
            var partPeople = Enumerable.Range(0, options.People * scale)
                .Select(i => new Person(
                    // One word, no given name: given names are shared by many people, and after one the base often
                    // copied the wrong surname (16 % of person names copied from a passage went wrong, against 3 %
                    // for one-word city and country names).
                    names.Surname(),
                    // The first people cover every occupation that works need.
                    i < Occupations.Length ? Occupations[i] : Occupations[random.Next(Occupations.Length)],
                    partCities[random.Next(partCities.Count)],
                    partition))
                .ToList();
            var partOrganisations = Enumerable.Range(0, options.Organisations * scale)
                .Select(_ =>
                {
                    int kind = random.Next(OrganisationKinds.Length);
                    return new Organisation(
                        $"{names.Coinage()} {OrganisationSuffixes[random.Next(OrganisationSuffixes.Length)]}",
                        OrganisationKinds[kind],
                        partPeople[random.Next(partPeople.Count)],
                        partCities[random.Next(partCities.Count)],
                        random.Next(1850, 2020),
                        partition);
                })
                .ToList();
            var partWorks = new List<Work>();
            while (partWorks.Count < options.Works * scale)
            {
                var (kind, role, occupation, madeVerb) = WorkKinds[random.Next(WorkKinds.Count)];
                string title = $"{TitleAdjectives[random.Next(TitleAdjectives.Length)]} {TitleNouns[random.Next(TitleNouns.Length)]}";
                if (!usedTitles.Add(title))
                {
                    // Titles are combinations of common words; add an invented word to keep them unique.
                    title = $"{title} {names.Coinage()}";
                    usedTitles.Add(title);
                }
                var makers = partPeople.Where(p => p.Occupation == occupation).ToList();
                partWorks.Add(new Work(title, kind, role, madeVerb, makers[random.Next(makers.Count)], random.Next(1950, 2024), partition));
            }
            countries.AddRange(partCountries);
            cities.AddRange(partCities);
            people.AddRange(partPeople);
            organisations.AddRange(partOrganisations);
            works.AddRange(partWorks);
        }
        return new SyntheticWorld(options, countries, cities, people, organisations, works, names.Generated, names.Parts);
    }

    /// <summary>Words that the passages and questions use, which no invented name may collide with.</summary>
    private static IEnumerable<string> FixedVocabulary() =>
        TitleAdjectives.Concat(TitleNouns).Concat(OrganisationSuffixes).Concat(Occupations)
            .Concat(["city", "country", "born", "founded", "where", "which", "what", "when"]);
}

namespace SearchR1.Demo.World;

/// <summary>One encyclopedia-like passage about one entity (before it becomes a corpus line).</summary>
public sealed record WorldPassage(string Title, string Text);

/// <summary>
/// Writes the world as encyclopedia-like passages, one per entity. Each sentence is a fact the questions ask
/// about, phrased exactly as the example trajectories restate it, so reading a passage is copying a sentence.
/// </summary>
public static class WorldPassages
{
    public static IReadOnlyList<WorldPassage> Write(SyntheticWorld world) => All(world).ToList();

    /// <summary>The passages about one partition's entities only (what the base model may read in pretraining).</summary>
    public static IEnumerable<WorldPassage> Write(SyntheticWorld world, WorldPartition partition) =>
        All(world, partition);

    public static string BornIn(Person person) => $"{person.Name} was born in {person.BirthPlace.Name}.";

    public static string CityIn(City city) => $"{city.Name} is a city in {city.Country.Name}.";

    public static string FoundedBy(Organisation organisation) =>
        $"{organisation.Name} was founded by {organisation.Founder.Name}.";

    public static string HeadquarteredIn(Organisation organisation) =>
        $"{organisation.Name} is headquartered in {organisation.Headquarters.Name}.";

    public static string MadeBy(Work work) => $"The {work.Role} of {work.Title} is {work.Creator.Name}.";

    private static IEnumerable<WorldPassage> All(SyntheticWorld world, WorldPartition? only = null)
    {
        bool Included(WorldPartition partition) => only is null || only == partition;

        foreach (Person person in world.People.Where(p => Included(p.Partition)))
        {
            string article = "aeiou".Contains(person.Occupation[0]) ? "an" : "a";
            yield return new WorldPassage(person.Name, $"{person.Name} is {article} {person.Occupation}. {BornIn(person)}");
        }
        foreach (City city in world.Cities.Where(c => Included(c.Partition)))
        {
            yield return new WorldPassage(city.Name, $"{CityIn(city)} It has {city.Population} inhabitants.");
        }
        foreach (Country country in world.Countries.Where(c => Included(c.Partition)))
        {
            int cities = world.Cities.Count(c => c.Country == country);
            yield return new WorldPassage(country.Name, $"{country.Name} is a country with {cities} large cities.");
        }
        foreach (Organisation organisation in world.Organisations.Where(o => Included(o.Partition)))
        {
            string article = "aeiou".Contains(organisation.Kind[0]) ? "an" : "a";
            yield return new WorldPassage(
                organisation.Name,
                $"{organisation.Name} is {article} {organisation.Kind} from {organisation.FoundedYear}. " +
                $"{FoundedBy(organisation)} {HeadquarteredIn(organisation)}");
        }
        foreach (Work work in world.Works.Where(w => Included(w.Partition)))
        {
            yield return new WorldPassage(work.Title, $"{work.Title} is a {work.Kind} from {work.Year}. {MadeBy(work)}");
        }
    }
}

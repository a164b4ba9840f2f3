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

    // "W was written by P", not "The author of W is P": the passage also says "W is a novel", and a small model
    // copying the value after " is" then cannot tell the two apart; " by" occurs once in a work's passage.
    public static string MadeBy(Work work) => $"{work.Title} was {work.MadeVerb} by {work.Creator.Name}.";

    private static IEnumerable<WorldPassage> All(SyntheticWorld world, WorldPartition? only = null)
    {
        bool Included(WorldPartition partition) => only is null || only == partition;

        foreach (Person person in world.People.Where(p => Included(p.Partition)))
        {
            yield return new WorldPassage(person.Name, $"{person.Name} is {Article(person.Occupation)} {person.Occupation}. {BornIn(person)}");
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
            yield return new WorldPassage(
                organisation.Name,
                $"{organisation.Name} is {Article(organisation.Kind)} {organisation.Kind} from {organisation.FoundedYear}. " +
                $"{FoundedBy(organisation)} {HeadquarteredIn(organisation)}");
        }
        foreach (Work work in world.Works.Where(w => Included(w.Partition)))
        {
            yield return new WorldPassage(work.Title, $"{work.Title} is {Article(work.Kind)} {work.Kind} from {work.Year}. {MadeBy(work)}");
        }
    }

    private static string Article(string noun) => "aeiou".Contains(noun[0]) ? "an" : "a";
}

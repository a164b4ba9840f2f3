namespace SearchR1.Demo.World;

/// <summary>
/// Asks questions about one partition of a world: single-hop ("Where was X born?") and two-hop ("Where was the
/// singer of the perfume Y born?"), each with the answer and the chain of searches that finds it.
/// </summary>
public static class QuestionGenerator
{
    /// <summary>Every question template, single-hop and two-hop, over a partition's entities.</summary>
    public static IReadOnlyList<WorldQuestion> AllQuestions(SyntheticWorld world, WorldPartition partition)
    {
        var questions = new List<WorldQuestion>();
        foreach (Person person in world.PeopleIn(partition))
        {
            questions.Add(Single($"Where was {person.Name} born?", person.BirthPlace.Name, "born_in", partition,
                new Hop(person.Name, WorldPassages.BornIn(person))));
            questions.Add(TwoHop($"In which country was {person.Name} born?", person.BirthPlace.Country.Name,
                "person_country", partition,
                new Hop(person.Name, WorldPassages.BornIn(person)),
                new Hop(person.BirthPlace.Name, WorldPassages.CityIn(person.BirthPlace))));
        }
        foreach (City city in world.CitiesIn(partition))
        {
            questions.Add(Single($"In which country is {city.Name}?", city.Country.Name, "city_country", partition,
                new Hop(city.Name, WorldPassages.CityIn(city))));
        }
        foreach (Organisation organisation in world.OrganisationsIn(partition))
        {
            questions.Add(Single($"Who founded {organisation.Name}?", organisation.Founder.Name, "founder", partition,
                new Hop(organisation.Name, WorldPassages.FoundedBy(organisation))));
            questions.Add(Single($"Where is {organisation.Name} headquartered?", organisation.Headquarters.Name,
                "headquarters", partition, new Hop(organisation.Name, WorldPassages.HeadquarteredIn(organisation))));
            questions.Add(TwoHop($"Where was the founder of {organisation.Name} born?",
                organisation.Founder.BirthPlace.Name, "founder_born_in", partition,
                new Hop(organisation.Name, WorldPassages.FoundedBy(organisation)),
                new Hop(organisation.Founder.Name, WorldPassages.BornIn(organisation.Founder))));
            questions.Add(TwoHop($"In which country is {organisation.Name} headquartered?",
                organisation.Headquarters.Country.Name, "headquarters_country", partition,
                new Hop(organisation.Name, WorldPassages.HeadquarteredIn(organisation)),
                new Hop(organisation.Headquarters.Name, WorldPassages.CityIn(organisation.Headquarters))));
        }
        foreach (Work work in world.WorksIn(partition))
        {
            questions.Add(Single($"Who is the {work.Role} of the {work.Kind} {work.Title}?", work.Creator.Name,
                "creator", partition, new Hop(work.Title, WorldPassages.MadeBy(work))));
            questions.Add(TwoHop($"Where was the {work.Role} of the {work.Kind} {work.Title} born?",
                work.Creator.BirthPlace.Name, "creator_born_in", partition,
                new Hop(work.Title, WorldPassages.MadeBy(work)),
                new Hop(work.Creator.Name, WorldPassages.BornIn(work.Creator))));
        }
        return questions;
    }

    /// <summary>
    /// Draws <paramref name="perKind"/> questions of each kind (fewer if the partition has fewer), spread evenly
    /// over the templates so that no relation dominates, in a seeded random order.
    /// </summary>
    public static IReadOnlyList<WorldQuestion> Sample(
        SyntheticWorld world, WorldPartition partition, int perKind, int seed)
    {
        var random = new Random(seed);
        var sampled = new List<WorldQuestion>();
        foreach (QuestionKind kind in Enum.GetValues<QuestionKind>())
        {
            // Round-robin over the relations, each shuffled, so that every template is equally represented.
            var byRelation = AllQuestions(world, partition)
                .Where(q => q.Kind == kind)
                .GroupBy(q => q.Relation)
                .Select(g => new Queue<WorldQuestion>(g.OrderBy(_ => random.Next())))
                .ToList();
            int taken = 0;
            while (taken < perKind && byRelation.Any(q => q.Count > 0))
            {
                foreach (Queue<WorldQuestion> queue in byRelation)
                {
                    if (taken < perKind && queue.Count > 0)
                    {
                        sampled.Add(queue.Dequeue());
                        taken++;
                    }
                }
            }
        }
        return sampled.OrderBy(_ => random.Next()).ToList();
    }

    private static WorldQuestion Single(string question, string answer, string relation, WorldPartition partition, Hop hop) =>
        new(question, answer, QuestionKind.SingleHop, relation, partition, [hop]);

    private static WorldQuestion TwoHop(
        string question, string answer, string relation, WorldPartition partition, Hop first, Hop second) =>
        new(question, answer, QuestionKind.TwoHop, relation, partition, [first, second]);
}

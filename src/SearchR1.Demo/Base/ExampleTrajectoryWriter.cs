using SearchR1.Core.Protocol;
using SearchR1.Demo.World;

namespace SearchR1.Demo.Base;

/// <summary>
/// Writes the base model's pretraining samples about pretraining-partition entities: Search-R1 trajectories
/// that mix good and bad strategies (<see cref="BaseBehaviour"/>), with observations made by the real
/// retriever and formatted by the real <see cref="InformationFormatter"/>, plus plain passages.
/// </summary>
public sealed class ExampleTrajectoryWriter
{
    private readonly SyntheticWorld _world;
    private readonly BaseBehaviour _behaviour;
    private readonly Func<string, IReadOnlyList<string>> _retrieve;
    private readonly IReadOnlyList<WorldQuestion> _questions;
    private readonly IReadOnlyList<WorldPassage> _passages;
    private readonly Dictionary<string, WorldQuestion[]> _sameRelation;

    /// <param name="retrieve">The passages (raw contents, in rank order) a search for a query returns.</param>
    public ExampleTrajectoryWriter(SyntheticWorld world, BaseBehaviour behaviour, Func<string, IReadOnlyList<string>> retrieve)
    {
        _world = world;
        _behaviour = behaviour;
        _retrieve = retrieve;
        _questions = QuestionGenerator.AllQuestions(world, WorldPartition.Pretraining);
        _passages = WorldPassages.Write(world, WorldPartition.Pretraining).ToList();
        _sameRelation = _questions.GroupBy(q => q.Relation).ToDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>Every query the right and wrong strategies can search (to retrieve them all in one batch).</summary>
    public IEnumerable<string> AllQueries() => _questions.SelectMany(q => q.Hops).Select(h => h.Query).Distinct();

    public ExampleTrajectory Next(Random random)
    {
        if (random.NextDouble() < _behaviour.CopyDrillShare)
        {
            return CopyDrill(random, _world.NameParts, _world.InventedWords);
        }
        if (random.NextDouble() < _behaviour.PassageShare)
        {
            WorldPassage passage = _passages[random.Next(_passages.Count)];
            return new ExampleTrajectory([new ExampleSegment(TokenSource.Policy, $"{passage.Title}\n{passage.Text}")]);
        }
        WorldQuestion question = _questions[random.Next(_questions.Count)];
        return random.NextDouble() < _behaviour.ReadingShare / (1 - _behaviour.PassageShare)
            ? Reading(question, random)
            : Trajectory(question, random);
    }

    /// <summary>A copy drill: 8 to 40 throwaway name words, then the same words again (only the repeat is trained on).</summary>
    /// <remarks>The words are made of the world's stems and suffixes but are none of its names (<paramref name="worldWords"/>),
    /// so a drill never spells a held-out name.</remarks>
    public static ExampleTrajectory CopyDrill(Random random, NameParts parts, IReadOnlySet<string> worldWords)
    {
        string[] words = Enumerable.Range(0, random.Next(8, 41)).Select(_ => NameGenerator.ThrowawayWord(random, parts, worldWords)).ToArray();
        // Each word after a space, as names are in every other text, so it is cut into the same tokens.
        string run = " " + string.Join(' ', words);
        return new ExampleTrajectory([new ExampleSegment(TokenSource.Prompt, $"Repeat:{run}\n"), new ExampleSegment(TokenSource.Policy, $"Again:{run}")]);
    }

    /// <summary>
    /// A reading exercise: the question, what a search for its last entity returns (in a random order), then the
    /// fact and the answer copied from it, laid out as the end of a rollout. Copying the fact out of the passages
    /// is the skill a right search needs to pay off, and a trajectory exercises it only when it searches. The
    /// order is shuffled because in a trajectory the answer's passage is nearly always the first, always at about
    /// the same distance back: a small model learns that distance instead of looking the fact up.
    /// </summary>
    public ExampleTrajectory Reading(WorldQuestion question, Random random)
    {
        Hop last = question.Hops[^1];
        var passages = _retrieve(last.Query).ToArray();
        random.Shuffle(passages);
        var segments = new List<ExampleSegment>
        {
            new(TokenSource.Prompt, $"Question: {question.Question}"),
            new(TokenSource.Observation, InformationFormatter.Observation(passages)),
        };
        Answer(segments, Think(last.Fact), question.Answer);
        return new ExampleTrajectory(segments);
    }

    /// <summary>
    /// One trajectory for <paramref name="question"/>, its strategy drawn from the behaviour mix. Every strategy
    /// opens the same way, naming the question's entity ("The question is about X."), and they part at the next
    /// word: "I think the answer is…" (a guess), or "I should search for…" (the entity, or another one). So the
    /// base practises copying the question's entity in every sample, and the choice RL has to sharpen is one
    /// token long.
    /// </summary>
    public ExampleTrajectory Trajectory(WorldQuestion question, Random random)
    {
        var segments = new List<ExampleSegment> { new(TokenSource.Prompt, PromptTemplates.SearchR1(question.Question)) };
        Hop first = question.Hops[0];
        string opening = $"The question is about {first.Query}.";
        double draw = random.NextDouble();
        if (draw < _behaviour.SearchRight)
        {
            Search(segments, Think($"{opening} I should search for {first.Query}."), first.Query);
            if (question.Hops.Count == 1)
            {
                Answer(segments, Think(first.Fact), question.Answer);
                return new ExampleTrajectory(segments);
            }
            // Two-hop: what the first search finds is the entity the second search needs.
            string bridge = question.Hops[1].Query;
            if (random.NextDouble() < _behaviour.ContinueRight)
            {
                Hop second = question.Hops[1];
                Search(segments, Think($"{first.Fact} I should search for {second.Query}."), second.Query);
                Answer(segments, Think(second.Fact), question.Answer);
            }
            else
            {
                Answer(segments, Think(first.Fact), bridge);
            }
        }
        else if (draw < _behaviour.SearchRight + _behaviour.SearchWrong)
        {
            // Search for a different entity that the same question could be asked about, then answer what it says.
            WorldQuestion other = Other(question, random);
            Search(segments, Think($"{opening} I should search for {other.Hops[0].Query}."), other.Hops[0].Query);
            string value = other.Hops.Count == 1 ? other.Answer : other.Hops[1].Query;
            Answer(segments, Think(other.Hops[0].Fact), value);
        }
        else
        {
            // The guess parrots the question's entity, a real base model's commonest failure, and always wrong. A
            // guess that invented a name would teach the base to invent names where it should copy them.
            Answer(segments, Think($"{opening} I think the answer is {first.Query}."), first.Query);
        }
        return new ExampleTrajectory(segments);
    }

    private static string Think(string thought) => $"{ProtocolText.ThinkOpen} {thought} {ProtocolText.ThinkClose}\n";

    private void Search(List<ExampleSegment> segments, string think, string query)
    {
        segments.Add(Policy(segments, $"{think}{ProtocolText.SearchOpen} {query} {ProtocolText.SearchClose}"));
        segments.Add(new ExampleSegment(TokenSource.Observation, InformationFormatter.Observation(_retrieve(query))));
    }

    private void Answer(List<ExampleSegment> segments, string think, string answer) =>
        segments.Add(Policy(segments, $"{think}{ProtocolText.AnswerOpen} {answer} {ProtocolText.AnswerClose}"));

    /// <summary>Policy text; what follows an observation (reading it) weighs <see cref="BaseBehaviour.ReadingWeight"/>.</summary>
    private ExampleSegment Policy(List<ExampleSegment> segments, string text) =>
        new(TokenSource.Policy, text, segments[^1].Source == TokenSource.Observation ? (float)_behaviour.ReadingWeight : 1f);

    /// <summary>Another question of the same relation, about another entity, with another answer.</summary>
    private WorldQuestion Other(WorldQuestion question, Random random)
    {
        WorldQuestion[] candidates = _sameRelation[question.Relation];
        for (int attempt = 0; ; attempt++)
        {
            WorldQuestion other = candidates[random.Next(candidates.Length)];
            bool different = other.Hops[0].Query != question.Hops[0].Query && other.Answer != question.Answer;
            if (different || attempt > 100)
            {
                return other;
            }
        }
    }
}

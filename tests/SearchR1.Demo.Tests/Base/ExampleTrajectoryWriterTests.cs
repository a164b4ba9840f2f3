using SearchR1.Core.Protocol;
using SearchR1.Demo.Base;
using SearchR1.Demo.World;

namespace SearchR1.Demo.Tests.Base;

public class ExampleTrajectoryWriterTests
{
    private static readonly SyntheticWorld World = WorldGenerator.Generate(WorldOptions.Fast);

    private static ExampleTrajectoryWriter Writer(BaseBehaviour behaviour) =>
        new(World, behaviour, query => [$"\"{query}\"\n{query} is here."]);

    [Fact]
    public void A_trajectory_is_laid_out_like_a_rollout()
    {
        var writer = Writer(new BaseBehaviour(SearchRight: 1, SearchWrong: 0, ContinueRight: 1));
        WorldQuestion question = QuestionGenerator.AllQuestions(World, WorldPartition.Pretraining).First(q => q.Kind == QuestionKind.TwoHop);

        ExampleTrajectory trajectory = writer.Trajectory(question, new Random(1));

        Assert.Equal(
            [TokenSource.Prompt, TokenSource.Policy, TokenSource.Observation, TokenSource.Policy, TokenSource.Observation, TokenSource.Policy],
            trajectory.Segments.Select(s => s.Source));
        Assert.Equal(PromptTemplates.SearchR1(question.Question), trajectory.Segments[0].Text);
        Assert.EndsWith($"<search> {question.Hops[0].Query} </search>", trajectory.Segments[1].Text);
        Assert.StartsWith("\n\n<information>Doc 1(Title: \"", trajectory.Segments[2].Text);
        Assert.EndsWith($"<answer> {question.Answer} </answer>", trajectory.Segments[5].Text);
        Assert.StartsWith("<think> ", trajectory.Segments[5].Text);
    }

    [Fact]
    public void Policy_text_that_reads_an_observation_carries_the_reading_weight()
    {
        var writer = Writer(new BaseBehaviour(SearchRight: 1, SearchWrong: 0, ContinueRight: 1, ReadingWeight: 4));
        WorldQuestion question = QuestionGenerator.AllQuestions(World, WorldPartition.Pretraining).First(q => q.Kind == QuestionKind.TwoHop);

        ExampleTrajectory trajectory = writer.Trajectory(question, new Random(1));
        ExampleTrajectory reading = writer.Reading(question, new Random(1));

        // The first turn reads nothing; every later turn follows an observation.
        Assert.Equal([1f, 0f, 4f, 0f, 4f], trajectory.Segments.Skip(1).Select(s => s.Source == TokenSource.Policy ? s.Weight : 0f));
        Assert.Equal(4f, reading.Segments[^1].Weight);
    }

    [Fact]
    public void The_behaviour_mix_sets_how_often_the_first_turn_searches_the_right_entity()
    {
        var writer = Writer(new BaseBehaviour(SearchRight: 0.3, SearchWrong: 0.15, PassageShare: 0));
        var questions = QuestionGenerator.AllQuestions(World, WorldPartition.Pretraining);
        var random = new Random(5);
        int right = 0, wrong = 0, guess = 0;
        const int n = 4000;
        for (int i = 0; i < n; i++)
        {
            WorldQuestion question = questions[random.Next(questions.Count)];
            string first = writer.Trajectory(question, random).Segments[1].Text;
            if (first.Contains($"<search> {question.Hops[0].Query} </search>", StringComparison.Ordinal))
            {
                right++;
            }
            else if (first.Contains("<search>", StringComparison.Ordinal))
            {
                wrong++;
            }
            else
            {
                guess++;
            }
        }

        Assert.InRange(right / (double)n, 0.27, 0.33);
        Assert.InRange(wrong / (double)n, 0.12, 0.18);
        Assert.InRange(guess / (double)n, 0.52, 0.58);
    }

    [Fact]
    public void Every_strategy_first_names_the_questions_entity_then_parts_at_one_word()
    {
        var writer = Writer(new BaseBehaviour(PassageShare: 0));
        var random = new Random(4);
        var continuations = new HashSet<string>();
        foreach (WorldQuestion question in QuestionGenerator.AllQuestions(World, WorldPartition.Pretraining).Take(500))
        {
            string first = writer.Trajectory(question, random).Segments[1].Text;
            string opening = $"<think> The question is about {question.Hops[0].Query}. I ";

            Assert.StartsWith(opening, first);
            continuations.Add(first[opening.Length..].Split(' ')[0]);
        }

        // "I think the answer is …" (a guess) or "I should search for …" (right or wrong entity).
        Assert.Equal(["should", "think"], continuations.Order());
    }

    [Fact]
    public void A_reading_exercise_is_the_question_the_passages_and_the_answer_copied_from_them()
    {
        var writer = Writer(new BaseBehaviour());
        WorldQuestion question = QuestionGenerator.AllQuestions(World, WorldPartition.Pretraining).First(q => q.Kind == QuestionKind.TwoHop);

        ExampleTrajectory reading = writer.Reading(question, new Random(1));

        Assert.Equal([TokenSource.Prompt, TokenSource.Observation, TokenSource.Policy], reading.Segments.Select(s => s.Source));
        Assert.Equal($"Question: {question.Question}", reading.Segments[0].Text);
        Assert.Contains(question.Hops[^1].Query, reading.Segments[1].Text);
        Assert.Equal($"<think> {question.Hops[^1].Fact} </think>\n<answer> {question.Answer} </answer>", reading.Segments[2].Text);
    }

    [Fact]
    public void Reading_exercises_take_their_share_without_changing_how_often_trajectories_search()
    {
        var writer = Writer(new BaseBehaviour(SearchRight: 0.3, PassageShare: 0.05, ReadingShare: 0.3, CopyDrillShare: 0));
        var random = new Random(8);
        int reading = 0, trajectories = 0, searching = 0;
        const int n = 6000;
        for (int i = 0; i < n; i++)
        {
            ExampleTrajectory sample = writer.Next(random);
            if (sample.Segments[0].Text.StartsWith("Question: ", StringComparison.Ordinal))
            {
                reading++;
            }
            else if (sample.Segments[0].Source == TokenSource.Prompt)
            {
                trajectories++;
                searching += sample.Segments[1].Text.Contains("<search>", StringComparison.Ordinal) ? 1 : 0;
            }
        }

        Assert.InRange(reading / (double)n, 0.27, 0.33);
        Assert.InRange(searching / (double)trajectories, 0.27, 0.33);
    }

    [Fact]
    public void A_copy_drill_is_a_run_of_words_then_the_same_run_trained_on()
    {
        var random = new Random(9);
        var lengths = new HashSet<int>();
        for (int i = 0; i < 50; i++)
        {
            ExampleTrajectory drill = ExampleTrajectoryWriter.CopyDrill(random, World.NameParts, World.InventedWords);

            Assert.Equal([TokenSource.Prompt, TokenSource.Policy], drill.Segments.Select(s => s.Source));
            string run = drill.Segments[1].Text["Again:".Length..];
            Assert.Equal($"Repeat:{run}\n", drill.Segments[0].Text);
            Assert.All(run.Split(' ', StringSplitOptions.RemoveEmptyEntries), word =>
            {
                Assert.True(World.NameParts.IsNameWord(word), word);
                Assert.DoesNotContain(word, World.InventedWords);
            });
            int words = run.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            Assert.InRange(words, 8, 40);
            lengths.Add(words);
        }

        // The repeat is a varying distance back: only looking the current word up finds what comes next.
        Assert.True(lengths.Count > 10);
    }

    [Fact]
    public void Guesses_and_wrong_searches_never_give_the_right_answer()
    {
        var writer = Writer(new BaseBehaviour(SearchRight: 0, SearchWrong: 0.5, PassageShare: 0));
        var random = new Random(2);
        foreach (WorldQuestion question in QuestionGenerator.AllQuestions(World, WorldPartition.Pretraining).Take(300))
        {
            string last = writer.Trajectory(question, random).Segments[^1].Text;
            Assert.DoesNotContain($"<answer> {question.Answer} </answer>", last);
        }
    }

    [Fact]
    public void It_only_talks_about_pretraining_entities()
    {
        var writer = Writer(new BaseBehaviour());
        var random = new Random(3);
        string text = string.Concat(Enumerable.Range(0, 2000).Select(_ => writer.Next(random).Text));
        var heldOut = World.People.Where(p => p.Partition != WorldPartition.Pretraining).Select(p => p.Name)
            .Concat(World.Cities.Where(c => c.Partition != WorldPartition.Pretraining).Select(c => c.Name));

        Assert.All(heldOut, name => Assert.DoesNotContain(name, text, StringComparison.Ordinal));
    }
}

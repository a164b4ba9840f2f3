using SearchR1.Demo.World;

namespace SearchR1.Demo.Tests.World;

public class QuestionGeneratorTests
{
    private static readonly SyntheticWorld World = WorldGenerator.Generate(new WorldOptions());

    [Fact]
    public void Sampling_gives_the_requested_number_of_each_kind_without_duplicates()
    {
        IReadOnlyList<WorldQuestion> questions = QuestionGenerator.Sample(World, WorldPartition.Test, 50, seed: 1);

        Assert.Equal(50, questions.Count(q => q.Kind == QuestionKind.SingleHop));
        Assert.Equal(50, questions.Count(q => q.Kind == QuestionKind.TwoHop));
        Assert.Equal(questions.Count, questions.Select(q => q.Question).Distinct().Count());
        Assert.All(questions, q => Assert.Equal(WorldPartition.Test, q.Partition));
    }

    [Fact]
    public void Sampling_spreads_questions_over_every_template()
    {
        IReadOnlyList<WorldQuestion> questions = QuestionGenerator.Sample(World, WorldPartition.Test, 40, seed: 1);

        var singleHop = questions.Where(q => q.Kind == QuestionKind.SingleHop).GroupBy(q => q.Relation).ToList();
        var twoHop = questions.Where(q => q.Kind == QuestionKind.TwoHop).GroupBy(q => q.Relation).ToList();
        Assert.Equal(5, singleHop.Count);
        Assert.Equal(4, twoHop.Count);
        Assert.All(singleHop, g => Assert.Equal(8, g.Count()));
        Assert.All(twoHop, g => Assert.Equal(10, g.Count()));
    }

    [Fact]
    public void The_last_hop_states_the_answer_and_each_hop_finds_the_next_query()
    {
        foreach (WorldQuestion question in QuestionGenerator.AllQuestions(World, WorldPartition.Training))
        {
            Assert.Equal(question.Kind == QuestionKind.SingleHop ? 1 : 2, question.Hops.Count);
            Assert.Contains(question.Answer, question.Hops[^1].Fact);
            Assert.Contains(question.Hops[0].Query, question.Question);
            if (question.Hops.Count == 2)
            {
                Assert.Contains(question.Hops[1].Query, question.Hops[0].Fact);
                Assert.DoesNotContain(question.Hops[1].Query, question.Question);
            }
        }
    }

    [Fact]
    public void Every_hop_fact_is_written_in_the_passage_of_the_searched_entity()
    {
        var passages = WorldPassages.Write(World).ToDictionary(p => p.Title, p => p.Text);

        foreach (WorldQuestion question in QuestionGenerator.AllQuestions(World, WorldPartition.Test))
        {
            Assert.All(question.Hops, hop => Assert.Contains(hop.Fact, passages[hop.Query]));
        }
    }

    [Fact]
    public void The_word_before_each_value_occurs_once_in_its_passage()
    {
        // A small model reads a value as "the token after the word that ends the restated fact" ("born in",
        // "founded by"); if that word came twice in the passage it could not tell which value is meant.
        var passages = WorldPassages.Write(World).ToDictionary(p => p.Title, p => p.Text);

        foreach (WorldQuestion question in QuestionGenerator.AllQuestions(World, WorldPartition.Test))
        {
            foreach (Hop hop in question.Hops)
            {
                string value = question.Hops.Count == 2 && hop == question.Hops[0] ? question.Hops[1].Query : question.Answer;
                string before = hop.Fact[..hop.Fact.IndexOf(" " + value, StringComparison.Ordinal)];
                string cue = " " + before[(before.LastIndexOf(' ') + 1)..] + " ";
                string passage = passages[hop.Query];
                Assert.Equal(passage.IndexOf(cue, StringComparison.Ordinal), passage.LastIndexOf(cue, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void No_held_out_answer_or_entity_appears_in_the_pretraining_passages_or_questions()
    {
        var pretrainingText = string.Join(
            "\n",
            WorldPassages.Write(World, WorldPartition.Pretraining).Select(p => p.Title + " " + p.Text)
                .Concat(QuestionGenerator.AllQuestions(World, WorldPartition.Pretraining)
                    .Select(q => q.Question + " " + q.Answer + " " + string.Join(" ", q.Hops.Select(h => h.Fact)))));
        var heldOut = QuestionGenerator.AllQuestions(World, WorldPartition.Test);

        // Whole words: with short syllable names one word can begin another ("Ribu", "Ribus"), which is no leak;
        // the same word, or the same multi-word name, would be.
        static bool Mentions(string text, string name) =>
            System.Text.RegularExpressions.Regex.IsMatch(text, $@"\b{System.Text.RegularExpressions.Regex.Escape(name)}\b",
                System.Text.RegularExpressions.RegexOptions.IgnoreCase);

        Assert.NotEmpty(heldOut);
        Assert.All(heldOut, q =>
        {
            Assert.False(Mentions(pretrainingText, q.Answer), q.Answer);
            Assert.All(q.Hops, h => Assert.False(Mentions(pretrainingText, h.Query), h.Query));
        });
    }
}

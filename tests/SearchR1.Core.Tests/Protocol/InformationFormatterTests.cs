using System.Text.Json;
using System.Text.RegularExpressions;
using SearchR1.Core.Protocol;
using SearchR1.TestSupport;

namespace SearchR1.Core.Tests.Protocol;

public class InformationFormatterTests
{
    [Fact]
    public void Documents_are_numbered_from_one_with_the_first_line_as_title()
    {
        string docs = InformationFormatter.FormatDocuments(
        [
            "\"Paul Walker\"\nPaul Walker was an actor.",
            "\"Fast & Furious\"\nA film series.\nSecond line.",
            "No newline at all",
        ]);
        Assert.Equal(
            "Doc 1(Title: \"Paul Walker\") Paul Walker was an actor.\n" +
            "Doc 2(Title: \"Fast & Furious\") A film series.\nSecond line.\n" +
            "Doc 3(Title: No newline at all) \n",
            docs);
    }

    [Fact]
    public void The_observation_wraps_the_stripped_documents_in_information_tags_and_blank_lines()
    {
        Assert.Equal(
            "\n\n<information>Doc 1(Title: \"T\") text</information>\n\n",
            InformationFormatter.Observation(["\"T\"\ntext\n\n"]));
        Assert.Equal("\n\n<information></information>\n\n", InformationFormatter.Observation([]));
    }

    [ConformanceFact]
    [Conformance]
    public void Observations_rebuilt_from_their_passages_appear_verbatim_in_the_original_example_rollout()
    {
        string rollout = File.ReadAllText(SharedData.Path("data/corpus/searchr1-example-case.txt"));
        // The two prompts mention "<information> and </information>": skip those, keep the real blocks.
        List<Match> blocks = [.. Regex.Matches(rollout, "<information>(.*?)</information>", RegexOptions.Singleline)
            .Where(match => match.Groups[1].Value != " and ")];
        Assert.Equal(3, blocks.Count);
        foreach (Match block in blocks)
        {
            // Recover each passage's corpus contents ("title\ntext") from the block, then format it again.
            string[] docs = Regex.Split(block.Groups[1].Value, @"\n(?=Doc \d+\(Title: )");
            var contents = new List<string>();
            for (int i = 0; i < docs.Length; i++)
            {
                Match doc = Regex.Match(docs[i], @"^Doc (\d+)\(Title: (.*?)\) (.*)$", RegexOptions.Singleline);
                Assert.True(doc.Success, docs[i]);
                Assert.Equal((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), doc.Groups[1].Value);
                contents.Add(doc.Groups[2].Value + "\n" + doc.Groups[3].Value);
            }
            Assert.Equal(3, contents.Count);
            Assert.Contains(InformationFormatter.Observation(contents), rollout, StringComparison.Ordinal);
        }
    }

    [ConformanceFact]
    [Conformance]
    public void A_corpus_passage_is_formatted_with_its_quoted_title()
    {
        string line = File.ReadLines(SharedData.Path("data/corpus/wiki18-sample1000.jsonl")).First();
        using var row = JsonDocument.Parse(line);
        string contents = row.RootElement.GetProperty("contents").GetString()!;
        string title = contents[..contents.IndexOf('\n', StringComparison.Ordinal)];
        Assert.StartsWith("\"", title, StringComparison.Ordinal);
        string observation = InformationFormatter.Observation([contents]);
        Assert.StartsWith($"\n\n<information>Doc 1(Title: {title}) ", observation, StringComparison.Ordinal);
        Assert.DoesNotContain("\n</information>", observation, StringComparison.Ordinal);
    }
}

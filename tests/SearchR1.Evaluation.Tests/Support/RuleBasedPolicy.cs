using System.Text.RegularExpressions;
using SearchR1.Evaluation.Policies;

namespace SearchR1.Evaluation.Tests.Support;

/// <summary>
/// A deterministic text policy with a fixed behaviour, for testing the protocol loop turn by turn (the tiny
/// model writes noise and would never search on purpose). It reads what the loop gives it (user turn and
/// assistant text so far) and writes what a well-behaved agent would, so every branch of SPEC §2.5 is reached.
/// </summary>
public sealed partial class RuleBasedPolicy(RuleBasedPolicy.Behaviour behaviour) : ITextPolicy
{
    public enum Behaviour
    {
        /// <summary>Search for the question, then answer with the first retrieved title.</summary>
        SearchThenAnswer,

        /// <summary>Search on every turn (never answers).</summary>
        AlwaysSearch,

        /// <summary>Write no tag on the first turn, then answer "Paris".</summary>
        InvalidThenAnswer,
    }

    public List<PolicyInput> Calls { get; } = [];

    public string Description => "rule-based " + behaviour;

    public Task<IReadOnlyList<PolicyCompletion>> CompleteAsync(
        IReadOnlyList<PolicyInput> inputs, SamplingSettings settings, CancellationToken cancellationToken)
    {
        Calls.AddRange(inputs);
        IReadOnlyList<PolicyCompletion> results = inputs.Select(input => Reply(input)).ToList();
        return Task.FromResult(results);
    }

    private PolicyCompletion Reply(PolicyInput input)
    {
        string question = QuestionPattern().Match(input.UserMessage).Groups[1].Value.Trim();
        int informationBlocks = Regex.Count(input.AssistantPrefix, "<information>");
        string text = behaviour switch
        {
            Behaviour.AlwaysSearch => $"<think>more</think>\n<search> {question} </search>",
            Behaviour.InvalidThenAnswer when input.AssistantPrefix.Length == 0 => "I am not sure.",
            Behaviour.InvalidThenAnswer => "<answer> Paris </answer>",
            _ when informationBlocks == 0 => $"<think>I need facts.</think>\n<search> {question} </search>",
            _ => $"<think>found it</think>\n<answer> {FirstTitle(input.AssistantPrefix)} </answer>",
        };
        return new PolicyCompletion(text, text.Split(' ').Length, CompletionFinish.StopString);
    }

    private static string FirstTitle(string prefix)
    {
        int last = prefix.LastIndexOf("<information>", StringComparison.Ordinal);
        return TitlePattern().Match(prefix[last..]).Groups[1].Value.Trim('"');
    }

    [GeneratedRegex(@"Question: (.*)$", RegexOptions.Singleline)]
    private static partial Regex QuestionPattern();

    [GeneratedRegex(@"Doc 1\(Title: ([^)]*)\)")]
    private static partial Regex TitlePattern();
}

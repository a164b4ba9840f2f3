using SearchR1.Core.Protocol;

namespace SearchR1.Core.Tests.Protocol;

public class PromptTemplatesTests
{
    private const string SearchR1Expected =
        "Answer the given question. You must conduct reasoning inside <think> and </think> first every time you get new information. After reasoning, if you find you lack some knowledge, you can call a search engine by <search> query </search> and it will return the top searched results between <information> and </information>. You can search as many times as your want. If you find no further external knowledge needed, you can directly provide the answer inside <answer> and </answer>, without detailed illustrations. For example, <answer> Beijing </answer>. Question: who wrote hamlet?\n";

    [Fact]
    public void Search_r1_template_is_the_original_text_with_the_question_and_one_newline()
    {
        Assert.Equal(SearchR1Expected, PromptTemplates.SearchR1("who wrote hamlet"));
        Assert.Equal(SearchR1Expected, PromptTemplates.Build(PromptTemplateKind.SearchR1, "who wrote hamlet?"));
    }

    [Theory]
    [InlineData("  who wrote hamlet \n", "who wrote hamlet?")]
    [InlineData("who wrote hamlet?", "who wrote hamlet?")]
    [InlineData("who wrote hamlet? ", "who wrote hamlet?")]
    [InlineData("\u001fwho?\u00a0", "who?")]
    [InlineData("what is 2+2.", "what is 2+2.?")]
    [InlineData("¿qué?", "¿qué?")]
    public void Question_is_stripped_then_ends_with_a_question_mark(string question, string expected)
    {
        Assert.Equal(expected, PromptTemplates.NormalizeQuestion(question));
    }

    [Fact]
    public void An_empty_question_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => PromptTemplates.SearchR1("  \n"));
    }

    [Fact]
    public void R1_template_is_the_original_text()
    {
        Assert.Equal(
            "Answer the given question. You should first have a reasoning process in mind and then provides the answer. Show your reasoning in <think> </think> tags and return the final answer in <answer> </answer> tags, for example <answer> Beijing </answer>. Question: who wrote hamlet?\n",
            PromptTemplates.R1("who wrote hamlet"));
    }

    [Fact]
    public void Rag_template_holds_the_unstripped_context_then_a_space_and_newline()
    {
        string context = InformationFormatter.FormatDocuments(["\"Hamlet\"\nHamlet is a tragedy by Shakespeare."]);
        Assert.Equal(
            "Answer the given question with some potentially useful context. You should analyze the question carefully, evaluate the given context (which may or may not be useful), and then generate an accurate and well-reasoned response. You should first have a reasoning process in mind and then provides the answer. Show your reasoning in <think> </think> tags and return the final answer in <answer> </answer> tags, for example <answer> Beijing </answer>. Question: who wrote hamlet? Context: Doc 1(Title: \"Hamlet\") Hamlet is a tragedy by Shakespeare.\n \n",
            PromptTemplates.Build(PromptTemplateKind.Rag, "who wrote hamlet", context));
    }

    [Fact]
    public void The_search_r1_prompt_holds_two_answer_matches_as_the_original_does()
    {
        Assert.Null(SearchR1.Core.Rewards.AnswerExtractor.Extract("<answer> x </answer>"));
        Assert.Equal("Beijing", SearchR1.Core.Rewards.AnswerExtractor.Extract(PromptTemplates.SearchR1("q")));
    }
}

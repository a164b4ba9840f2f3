using SearchR1.Core.Rewards.Unicode;

namespace SearchR1.Core.Protocol;

/// <summary>
/// The user prompts of the original's data scripts (SPEC §1.1), exactly, typos included ("as your want",
/// "provides the answer"). Each ends with one newline. The question is normalised first (stripped, then "?"
/// appended when it does not end with one), as <c>nq_search.py</c> does.
/// </summary>
public static class PromptTemplates
{
    private const string SearchR1Prefix =
        "Answer the given question. You must conduct reasoning inside <think> and </think> first every time you " +
        "get new information. After reasoning, if you find you lack some knowledge, you can call a search engine " +
        "by <search> query </search> and it will return the top searched results between <information> and " +
        "</information>. You can search as many times as your want. If you find no further external knowledge " +
        "needed, you can directly provide the answer inside <answer> and </answer>, without detailed " +
        "illustrations. For example, <answer> Beijing </answer>. Question: ";

    private const string R1Prefix =
        "Answer the given question. You should first have a reasoning process in mind and then provides the " +
        "answer. Show your reasoning in <think> </think> tags and return the final answer in <answer> </answer> " +
        "tags, for example <answer> Beijing </answer>. Question: ";

    private const string RagPrefix =
        "Answer the given question with some potentially useful context. You should analyze the question " +
        "carefully, evaluate the given context (which may or may not be useful), and then generate an accurate " +
        "and well-reasoned response. You should first have a reasoning process in mind and then provides the " +
        "answer. Show your reasoning in <think> </think> tags and return the final answer in <answer> </answer> " +
        "tags, for example <answer> Beijing </answer>. Question: ";

    /// <summary>Python <c>q.strip()</c>, then "?" appended when the last character is not "?".</summary>
    public static string NormalizeQuestion(string question)
    {
        string stripped = PythonText.Strip(question);
        if (stripped.Length == 0)
        {
            // The original indexes question[-1] here and fails on an empty question; so do we, with a reason.
            throw new ArgumentException("The question is empty (after stripping whitespace).", nameof(question));
        }
        return stripped[^1] == '?' ? stripped : stripped + "?";
    }

    /// <summary>The Search-R1 prompt (training and evaluation, base and instruct alike).</summary>
    public static string SearchR1(string question) => SearchR1Prefix + NormalizeQuestion(question) + "\n";

    /// <summary>The R1 baseline prompt (reasoning, no search).</summary>
    public static string R1(string question) => R1Prefix + NormalizeQuestion(question) + "\n";

    /// <summary>
    /// The RAG baseline prompt; <paramref name="context"/> is the retrieved passages formatted by
    /// <see cref="InformationFormatter.FormatDocuments"/> (unstripped, as the original passes it).
    /// </summary>
    public static string Rag(string question, string context) =>
        RagPrefix + NormalizeQuestion(question) + " Context: " + context + " \n";

    /// <summary>The prompt of <paramref name="kind"/>; <paramref name="context"/> is used (and required) by RAG only.</summary>
    public static string Build(PromptTemplateKind kind, string question, string? context = null) => kind switch
    {
        PromptTemplateKind.SearchR1 => SearchR1(question),
        PromptTemplateKind.R1 => R1(question),
        PromptTemplateKind.Rag => Rag(question, context ?? throw new ArgumentNullException(
            nameof(context), "The RAG template needs the retrieved context.")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown prompt template."),
    };
}

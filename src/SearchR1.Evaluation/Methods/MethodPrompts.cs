using SearchR1.Core.Protocol;

namespace SearchR1.Evaluation.Methods;

/// <summary>
/// The user turn of each method. Search-R1, R1 and RAG are the original's templates exactly (SPEC §1.1, from
/// core's <see cref="PromptTemplates"/>). Direct and CoT are ours (the original's baselines came from FlashRAG
/// and are not in its repository); they use the same <c>&lt;answer&gt;</c> tags and the same "for example
/// &lt;answer&gt; Beijing &lt;/answer&gt;" so every method is scored by the one extraction rule (SPEC §4.2).
/// docs/EVALUATION.md quotes them.
/// </summary>
public static class MethodPrompts
{
    public const string DirectPrefix =
        "Answer the given question directly, without any reasoning or explanation. Provide only the final answer inside <answer> and </answer>, for example <answer> Beijing </answer>. Question: ";

    public const string CotPrefix =
        "Answer the given question. Think step by step first, then provide the final answer inside <answer> and </answer>, for example <answer> Beijing </answer>. Question: ";

    /// <summary>The user turn for <paramref name="question"/>; <paramref name="context"/> is the formatted passages (RAG only).</summary>
    public static string Build(EvalMethod method, string question, string? context = null) => method switch
    {
        EvalMethod.SearchR1 => PromptTemplates.SearchR1(question),
        EvalMethod.R1 => PromptTemplates.R1(question),
        EvalMethod.Rag => PromptTemplates.Rag(question, context ?? throw new ArgumentNullException(nameof(context), "RAG needs its context.")),
        EvalMethod.Direct => DirectPrefix + PromptTemplates.NormalizeQuestion(question) + "\n",
        EvalMethod.Cot => CotPrefix + PromptTemplates.NormalizeQuestion(question) + "\n",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };
}

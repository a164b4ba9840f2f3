namespace SearchR1.Evaluation.Methods;

/// <summary>The methods of the paper's table that need no extra training beyond the model given.</summary>
public enum EvalMethod
{
    /// <summary>The multi-turn search rollout with the Search-R1 template (SPEC §1.1, §2).</summary>
    SearchR1,

    /// <summary>Answer only, no reasoning, no retrieval.</summary>
    Direct,

    /// <summary>Chain of thought: reasoning, then the answer; no retrieval.</summary>
    Cot,

    /// <summary>Top-k passages for the question in the RAG template (SPEC §1.1), one answer turn.</summary>
    Rag,

    /// <summary>The R1 template (reasoning, no search), one answer turn.</summary>
    R1,
}

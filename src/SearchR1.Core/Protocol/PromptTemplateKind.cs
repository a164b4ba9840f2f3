namespace SearchR1.Core.Protocol;

/// <summary>The prompt families of the original: Search-R1 (search agent), R1 (reasoning, no search), RAG (retrieve once).</summary>
public enum PromptTemplateKind
{
    SearchR1,
    R1,
    Rag,
}

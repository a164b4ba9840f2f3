namespace SearchR1.Evaluation.Methods;

/// <summary>Method names as the command line and the output files spell them.</summary>
public static class EvalMethods
{
    public static IReadOnlyList<EvalMethod> All { get; } = [EvalMethod.Direct, EvalMethod.Cot, EvalMethod.Rag, EvalMethod.R1, EvalMethod.SearchR1];

    public static string Name(EvalMethod method) => method switch
    {
        EvalMethod.SearchR1 => "search-r1",
        EvalMethod.Direct => "direct",
        EvalMethod.Cot => "cot",
        EvalMethod.Rag => "rag",
        EvalMethod.R1 => "r1",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    public static EvalMethod Parse(string name)
    {
        foreach (EvalMethod method in All)
        {
            if (string.Equals(Name(method), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return method;
            }
        }
        throw new ArgumentException($"Unknown method '{name}': expected one of {string.Join(", ", All.Select(Name))}.");
    }

    /// <summary>True for methods that send the question to the retriever.</summary>
    public static bool UsesRetriever(EvalMethod method) => method is EvalMethod.SearchR1 or EvalMethod.Rag;
}

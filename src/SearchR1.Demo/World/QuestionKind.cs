namespace SearchR1.Demo.World;

/// <summary>How many searches a question needs: one (like NQ) or two chained (like HotpotQA).</summary>
public enum QuestionKind
{
    SingleHop,
    TwoHop,
}

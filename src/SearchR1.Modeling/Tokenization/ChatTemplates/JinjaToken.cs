namespace SearchR1.Modeling.Tokenization.ChatTemplates;

internal enum JinjaTokenKind
{
    Text,
    VariableBegin,
    VariableEnd,
    BlockBegin,
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    Operator,
    End,
}

/// <summary>One lexeme of a template; <see cref="Line"/> is 1-based, for error messages.</summary>
internal readonly record struct JinjaToken(JinjaTokenKind Kind, string Value, int Line)
{
    public bool Is(JinjaTokenKind kind, string value) => Kind == kind && Value == value;

    public bool IsOperator(string op) => Kind == JinjaTokenKind.Operator && Value == op;

    public bool IsName(string name) => Kind == JinjaTokenKind.Name && Value == name;

    public override string ToString() => Kind == JinjaTokenKind.End ? "end of template" : $"'{Value}'";
}

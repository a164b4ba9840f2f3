namespace SearchR1.Modeling.Tokenization.ChatTemplates;

// The syntax tree of the Jinja subset chat templates use. Statements render; expressions evaluate to values.

internal abstract record JinjaNode(int Line);

internal sealed record TextNode(string Text, int Line) : JinjaNode(Line);

internal sealed record OutputNode(JinjaExpr Expr, int Line) : JinjaNode(Line);

internal sealed record IfNode(IReadOnlyList<(JinjaExpr Condition, IReadOnlyList<JinjaNode> Body)> Branches, IReadOnlyList<JinjaNode>? Else, int Line)
    : JinjaNode(Line);

internal sealed record ForNode(
    IReadOnlyList<string> Targets,
    JinjaExpr Iterable,
    JinjaExpr? Filter,
    IReadOnlyList<JinjaNode> Body,
    IReadOnlyList<JinjaNode>? Else,
    int Line) : JinjaNode(Line);

/// <summary><c>{% set a = … %}</c>, <c>{% set a, b = … %}</c> or <c>{% set ns.attr = … %}</c>.</summary>
internal sealed record SetNode(IReadOnlyList<string> Targets, string? Attribute, JinjaExpr Value, int Line) : JinjaNode(Line);

/// <summary><c>{% set a %}…{% endset %}</c>.</summary>
internal sealed record SetBlockNode(string Target, IReadOnlyList<JinjaNode> Body, int Line) : JinjaNode(Line);

internal sealed record MacroNode(string Name, IReadOnlyList<(string Name, JinjaExpr? Default)> Parameters, IReadOnlyList<JinjaNode> Body, int Line)
    : JinjaNode(Line);

internal sealed record BreakNode(int Line) : JinjaNode(Line);

internal sealed record ContinueNode(int Line) : JinjaNode(Line);

/// <summary>A statement whose body is rendered as is (<c>{% generation %}</c> of transformers' AssistantTracker).</summary>
internal sealed record BlockNode(IReadOnlyList<JinjaNode> Body, int Line) : JinjaNode(Line);

/// <summary><c>{% filter name %}…{% endfilter %}</c>.</summary>
internal sealed record FilterBlockNode(string Filter, IReadOnlyList<JinjaExpr> Arguments, IReadOnlyList<JinjaNode> Body, int Line) : JinjaNode(Line);

internal abstract record JinjaExpr(int Line);

internal sealed record LiteralExpr(object? Value, int Line) : JinjaExpr(Line);

internal sealed record NameExpr(string Name, int Line) : JinjaExpr(Line);

internal sealed record ListExpr(IReadOnlyList<JinjaExpr> Items, int Line) : JinjaExpr(Line);

internal sealed record TupleExpr(IReadOnlyList<JinjaExpr> Items, int Line) : JinjaExpr(Line);

internal sealed record DictExpr(IReadOnlyList<(JinjaExpr Key, JinjaExpr Value)> Items, int Line) : JinjaExpr(Line);

internal sealed record AttributeExpr(JinjaExpr Target, string Name, int Line) : JinjaExpr(Line);

internal sealed record ItemExpr(JinjaExpr Target, JinjaExpr Index, int Line) : JinjaExpr(Line);

internal sealed record SliceExpr(JinjaExpr Target, JinjaExpr? Start, JinjaExpr? Stop, JinjaExpr? Step, int Line) : JinjaExpr(Line);

internal sealed record CallExpr(JinjaExpr Callee, IReadOnlyList<JinjaExpr> Arguments, IReadOnlyList<(string Name, JinjaExpr Value)> Keywords, int Line)
    : JinjaExpr(Line);

internal sealed record FilterExpr(JinjaExpr Target, string Name, IReadOnlyList<JinjaExpr> Arguments, IReadOnlyList<(string Name, JinjaExpr Value)> Keywords, int Line)
    : JinjaExpr(Line);

internal sealed record TestExpr(JinjaExpr Target, string Name, IReadOnlyList<JinjaExpr> Arguments, bool Negated, int Line) : JinjaExpr(Line);

internal sealed record BinaryExpr(string Operator, JinjaExpr Left, JinjaExpr Right, int Line) : JinjaExpr(Line);

internal sealed record UnaryExpr(string Operator, JinjaExpr Operand, int Line) : JinjaExpr(Line);

internal sealed record ConditionalExpr(JinjaExpr Condition, JinjaExpr Then, JinjaExpr? Else, int Line) : JinjaExpr(Line);

using System.Text;
using static SearchR1.Modeling.Tokenization.ChatTemplates.PythonSemantics;

namespace SearchR1.Modeling.Tokenization.ChatTemplates;

/// <summary>
/// Renders a parsed template against variables, with Jinja's scoping: a for loop has its own scope (a
/// <c>set</c> inside it is gone after the loop; <c>namespace()</c> attributes survive), if blocks do not.
/// </summary>
internal sealed class JinjaInterpreter
{
    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    private readonly List<Dictionary<string, object?>> _scopes = [];

    public JinjaInterpreter(IReadOnlyDictionary<string, object?> globals, IReadOnlyDictionary<string, object?> variables)
    {
        _scopes.Add(new Dictionary<string, object?>(globals, StringComparer.Ordinal));
        _scopes.Add(new Dictionary<string, object?>(variables, StringComparer.Ordinal));
    }

    public string Render(IReadOnlyList<JinjaNode> nodes)
    {
        var output = new StringBuilder();
        RenderNodes(nodes, output);
        return output.ToString();
    }

    private Flow RenderNodes(IReadOnlyList<JinjaNode> nodes, StringBuilder output)
    {
        foreach (JinjaNode node in nodes)
        {
            Flow flow = RenderNode(node, output);
            if (flow != Flow.Normal)
            {
                return flow;
            }
        }
        return Flow.Normal;
    }

    private Flow RenderNode(JinjaNode node, StringBuilder output)
    {
        try
        {
            switch (node)
            {
                case TextNode text:
                    output.Append(text.Text);
                    return Flow.Normal;
                case OutputNode o:
                    output.Append(Str(Evaluate(o.Expr)));
                    return Flow.Normal;
                case IfNode ifNode:
                    foreach ((JinjaExpr condition, IReadOnlyList<JinjaNode> body) in ifNode.Branches)
                    {
                        if (Truthy(Evaluate(condition)))
                        {
                            return RenderNodes(body, output);
                        }
                    }
                    return ifNode.Else is null ? Flow.Normal : RenderNodes(ifNode.Else, output);
                case ForNode forNode:
                    RenderFor(forNode, output);
                    return Flow.Normal;
                case SetNode set:
                    RenderSet(set);
                    return Flow.Normal;
                case SetBlockNode setBlock:
                {
                    var captured = new StringBuilder();
                    RenderNodes(setBlock.Body, captured);
                    _scopes[^1][setBlock.Target] = captured.ToString();
                    return Flow.Normal;
                }
                case MacroNode macro:
                    _scopes[^1][macro.Name] = MakeMacro(macro);
                    return Flow.Normal;
                case BreakNode:
                    return Flow.Break;
                case ContinueNode:
                    return Flow.Continue;
                case BlockNode block:
                    return RenderNodes(block.Body, output);
                case FilterBlockNode filterBlock:
                {
                    var captured = new StringBuilder();
                    RenderNodes(filterBlock.Body, captured);
                    var args = new List<object?> { captured.ToString() };
                    args.AddRange(filterBlock.Arguments.Select(Evaluate));
                    output.Append(Str(JinjaBuiltins.ApplyFilter(filterBlock.Filter, args, [], this)));
                    return Flow.Normal;
                }
                default:
                    throw new ChatTemplateException($"unknown node {node.GetType().Name}");
            }
        }
        catch (ChatTemplateException e) when (!e.Message.StartsWith("Chat template", StringComparison.Ordinal) && node is not (IfNode or ForNode or BlockNode or FilterBlockNode or SetBlockNode))
        {
            throw new ChatTemplateException($"Chat template, line {node.Line}: {e.Message}", e);
        }
    }

    private void RenderFor(ForNode node, StringBuilder output)
    {
        List<object?> items = Iterate(Evaluate(node.Iterable));
        var scope = new Dictionary<string, object?>(StringComparer.Ordinal);
        _scopes.Add(scope);
        try
        {
            if (node.Filter is not null)
            {
                var kept = new List<object?>();
                foreach (object? item in items)
                {
                    Bind(scope, node.Targets, item);
                    if (Truthy(Evaluate(node.Filter)))
                    {
                        kept.Add(item);
                    }
                }
                items = kept;
            }
            var loop = new JinjaLoop(items);
            for (int i = 0; i < items.Count; i++)
            {
                loop.Index0 = i;
                scope["loop"] = loop;
                Bind(scope, node.Targets, items[i]);
                if (RenderNodes(node.Body, output) == Flow.Break)
                {
                    break;
                }
            }
            if (items.Count == 0 && node.Else is not null)
            {
                RenderNodes(node.Else, output);
            }
        }
        finally
        {
            _scopes.RemoveAt(_scopes.Count - 1);
        }
    }

    private static void Bind(Dictionary<string, object?> scope, IReadOnlyList<string> targets, object? value)
    {
        if (targets.Count == 1)
        {
            scope[targets[0]] = value;
            return;
        }
        List<object?> parts = value as List<object?> ?? throw new ChatTemplateException($"cannot unpack {TypeName(value)} into {targets.Count} names");
        if (parts.Count != targets.Count)
        {
            throw new ChatTemplateException($"expected {targets.Count} values to unpack, got {parts.Count}");
        }
        for (int i = 0; i < targets.Count; i++)
        {
            scope[targets[i]] = parts[i];
        }
    }

    private void RenderSet(SetNode set)
    {
        object? value = Evaluate(set.Value);
        if (set.Attribute is not null)
        {
            if (Lookup(set.Targets[0]) is not JinjaNamespace ns)
            {
                throw new ChatTemplateException($"cannot assign attribute on non-namespace object '{set.Targets[0]}'");
            }
            ns.Attributes[set.Attribute] = value;
            return;
        }
        Bind(_scopes[^1], set.Targets, value);
    }

    private JinjaCallable MakeMacro(MacroNode macro) => (args, kwargs) =>
    {
        var scope = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (int i = 0; i < macro.Parameters.Count; i++)
        {
            (string name, JinjaExpr? fallback) = macro.Parameters[i];
            scope[name] = i < args.Count ? args[i]
                : kwargs.TryGetValue(name, out object? value) ? value
                : fallback is not null ? Evaluate(fallback)
                : new JinjaUndefined(name);
        }
        _scopes.Add(scope);
        try
        {
            var output = new StringBuilder();
            RenderNodes(macro.Body, output);
            return output.ToString();
        }
        finally
        {
            _scopes.RemoveAt(_scopes.Count - 1);
        }
    };

    public object? Lookup(string name)
    {
        for (int i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].TryGetValue(name, out object? value))
            {
                return value;
            }
        }
        return new JinjaUndefined(name);
    }

    public object? Evaluate(JinjaExpr expr)
    {
        switch (expr)
        {
            case LiteralExpr literal:
                return literal.Value;
            case NameExpr name:
                return Lookup(name.Name);
            case ListExpr list:
                return list.Items.Select(Evaluate).ToList();
            case TupleExpr tuple:
                return new JinjaTuple(tuple.Items.Select(Evaluate));
            case DictExpr dict:
            {
                var result = new JinjaDictionary();
                foreach ((JinjaExpr key, JinjaExpr value) in dict.Items)
                {
                    result[Str(Evaluate(key))] = Evaluate(value);
                }
                return result;
            }
            case AttributeExpr attribute:
                return JinjaBuiltins.GetAttribute(Evaluate(attribute.Target), attribute.Name, Describe(attribute.Target));
            case ItemExpr item:
                return JinjaBuiltins.GetItem(Evaluate(item.Target), Evaluate(item.Index), Describe(item.Target));
            case SliceExpr slice:
                return JinjaBuiltins.Slice(
                    Evaluate(slice.Target),
                    slice.Start is null ? null : Evaluate(slice.Start),
                    slice.Stop is null ? null : Evaluate(slice.Stop),
                    slice.Step is null ? null : Evaluate(slice.Step));
            case CallExpr call:
            {
                object? callee = Evaluate(call.Callee);
                if (callee is not JinjaCallable function)
                {
                    throw new ChatTemplateException(callee is JinjaUndefined u ? $"'{u.Name}' is undefined" : $"'{TypeName(callee)}' object is not callable");
                }
                var kwargs = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach ((string key, JinjaExpr value) in call.Keywords)
                {
                    kwargs[key] = Evaluate(value);
                }
                return function(call.Arguments.Select(Evaluate).ToList(), kwargs);
            }
            case FilterExpr filter:
            {
                var args = new List<object?> { Evaluate(filter.Target) };
                args.AddRange(filter.Arguments.Select(Evaluate));
                var kwargs = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach ((string key, JinjaExpr value) in filter.Keywords)
                {
                    kwargs[key] = Evaluate(value);
                }
                return JinjaBuiltins.ApplyFilter(filter.Name, args, kwargs, this);
            }
            case TestExpr test:
            {
                var args = new List<object?> { Evaluate(test.Target) };
                args.AddRange(test.Arguments.Select(Evaluate));
                bool result = JinjaBuiltins.ApplyTest(test.Name, args, this);
                return test.Negated ? !result : result;
            }
            case UnaryExpr unary:
            {
                object? operand = Evaluate(unary.Operand);
                return unary.Operator switch
                {
                    "not" => !Truthy(operand),
                    "-" => operand is long l ? (object)(-l) : operand is bool b ? (object)(b ? -1L : 0L) : -ToDouble(operand),
                    _ => IsNumber(operand) ? operand : throw new ChatTemplateException($"bad operand type for unary +: '{TypeName(operand)}'"),
                };
            }
            case ConditionalExpr conditional:
                return Truthy(Evaluate(conditional.Condition))
                    ? Evaluate(conditional.Then)
                    : conditional.Else is null ? new JinjaUndefined("conditional") : Evaluate(conditional.Else);
            case BinaryExpr binary:
                return EvaluateBinary(binary);
            default:
                throw new ChatTemplateException($"unknown expression {expr.GetType().Name}");
        }
    }

    private object? EvaluateBinary(BinaryExpr binary)
    {
        object? left = Evaluate(binary.Left);
        switch (binary.Operator)
        {
            case "and":
                return Truthy(left) ? Evaluate(binary.Right) : left;
            case "or":
                return Truthy(left) ? left : Evaluate(binary.Right);
        }
        object? right = Evaluate(binary.Right);
        return binary.Operator switch
        {
            "==" => PythonSemantics.Equals(left, right),
            "!=" => !PythonSemantics.Equals(left, right),
            "<" => Compare(left, right) < 0,
            ">" => Compare(left, right) > 0,
            "<=" => Compare(left, right) <= 0,
            ">=" => Compare(left, right) >= 0,
            "in" => JinjaBuiltins.Contains(right, left),
            "not in" => !JinjaBuiltins.Contains(right, left),
            "+" => Add(left, right),
            "~" => Str(left) + Str(right),
            _ => Arithmetic(binary.Operator, left, right),
        };
    }

    private static string Describe(JinjaExpr expr) => expr switch
    {
        NameExpr n => n.Name,
        AttributeExpr a => Describe(a.Target) + "." + a.Name,
        ItemExpr i => Describe(i.Target) + "[…]",
        _ => "value",
    };

    /// <summary>Python's iteration: lists and tuples, dict keys, string characters; Undefined is empty.</summary>
    public static List<object?> Iterate(object? value) => value switch
    {
        List<object?> list => list,
        JinjaDictionary dict => dict.Keys.Cast<object?>().ToList(),
        string s => StringElements(s),
        JinjaUndefined => [],
        _ => throw new ChatTemplateException($"'{TypeName(value)}' object is not iterable"),
    };

    /// <summary>A string's characters as Python sees them (code points, not UTF-16 units).</summary>
    public static List<object?> StringElements(string s)
    {
        var result = new List<object?>(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                result.Add(s.Substring(i, 2));
                i++;
            }
            else
            {
                result.Add(s[i].ToString());
            }
        }
        return result;
    }
}

using System.Globalization;

namespace SearchR1.Modeling.Tokenization.ChatTemplates;

/// <summary>
/// Recursive-descent parser for the Jinja subset chat templates use, with Jinja's operator precedence:
/// conditional &lt; or &lt; and &lt; not &lt; comparisons / in &lt; + - &lt; ~ &lt; * / // % &lt; ** &lt; unary &lt;
/// postfix (. [] ()) and filters / tests (which bind tightest: <c>'a' + x | trim</c> trims x only).
/// </summary>
internal sealed class JinjaParser
{
    private readonly List<JinjaToken> _tokens;
    private int _pos;

    private JinjaParser(List<JinjaToken> tokens)
    {
        _tokens = tokens;
    }

    public static IReadOnlyList<JinjaNode> Parse(string source)
    {
        var parser = new JinjaParser(JinjaLexer.Tokenize(source));
        List<JinjaNode> body = parser.ParseBody([], out string? stop);
        if (stop is not null)
        {
            throw parser.Error($"unexpected '{{% {stop} %}}'");
        }
        return body;
    }

    private JinjaToken Current => _tokens[_pos];

    private JinjaToken Peek(int offset = 1) => _tokens[Math.Min(_pos + offset, _tokens.Count - 1)];

    private JinjaToken Next() => _tokens[_pos++];

    private ChatTemplateException Error(string message) => new($"Chat template, line {Current.Line}: {message}.");

    private void ExpectOperator(string op)
    {
        if (!Current.IsOperator(op))
        {
            throw Error($"expected '{op}', found {Current}");
        }
        _pos++;
    }

    private string ExpectName()
    {
        if (Current.Kind != JinjaTokenKind.Name)
        {
            throw Error($"expected a name, found {Current}");
        }
        return Next().Value;
    }

    private void ExpectBlockEnd()
    {
        if (Current.Kind != JinjaTokenKind.BlockEnd)
        {
            throw Error($"expected '%}}', found {Current}");
        }
        _pos++;
    }

    /// <summary>Parses nodes until a block tag whose keyword is in <paramref name="stops"/> (consumed up to the keyword).</summary>
    private List<JinjaNode> ParseBody(string[] stops, out string? stop)
    {
        var nodes = new List<JinjaNode>();
        while (true)
        {
            JinjaToken token = Current;
            switch (token.Kind)
            {
                case JinjaTokenKind.End:
                    stop = null;
                    if (stops.Length > 0)
                    {
                        throw Error($"missing '{{% {stops[^1]} %}}'");
                    }
                    return nodes;
                case JinjaTokenKind.Text:
                    nodes.Add(new TextNode(token.Value, token.Line));
                    _pos++;
                    break;
                case JinjaTokenKind.VariableBegin:
                    _pos++;
                    JinjaExpr expr = ParseTuple(withCondition: true);
                    if (Current.Kind != JinjaTokenKind.VariableEnd)
                    {
                        throw Error($"expected '}}}}', found {Current}");
                    }
                    _pos++;
                    nodes.Add(new OutputNode(expr, token.Line));
                    break;
                case JinjaTokenKind.BlockBegin:
                    string keyword = Peek().Kind == JinjaTokenKind.Name ? Peek().Value : throw Error("expected a statement keyword");
                    if (stops.Contains(keyword))
                    {
                        _pos += 2;
                        stop = keyword;
                        return nodes;
                    }
                    _pos += 2;
                    nodes.Add(ParseStatement(keyword, token.Line));
                    break;
                default:
                    throw Error($"unexpected {token}");
            }
        }
    }

    private JinjaNode ParseStatement(string keyword, int line)
    {
        switch (keyword)
        {
            case "if":
                return ParseIf(line);
            case "for":
                return ParseFor(line);
            case "set":
                return ParseSet(line);
            case "macro":
                return ParseMacro(line);
            case "break":
                ExpectBlockEnd();
                return new BreakNode(line);
            case "continue":
                ExpectBlockEnd();
                return new ContinueNode(line);
            case "generation":
            {
                ExpectBlockEnd();
                List<JinjaNode> body = ParseBody(["endgeneration"], out _);
                ExpectBlockEnd();
                return new BlockNode(body, line);
            }
            case "filter":
            {
                string name = ExpectName();
                var args = new List<JinjaExpr>();
                if (Current.IsOperator("("))
                {
                    (args, _) = ParseArguments();
                }
                ExpectBlockEnd();
                List<JinjaNode> body = ParseBody(["endfilter"], out _);
                ExpectBlockEnd();
                return new FilterBlockNode(name, args, body, line);
            }
            default:
                throw Error($"unknown statement '{keyword}'");
        }
    }

    private IfNode ParseIf(int line)
    {
        var branches = new List<(JinjaExpr, IReadOnlyList<JinjaNode>)>();
        JinjaExpr condition = ParseTuple(withCondition: false);
        ExpectBlockEnd();
        while (true)
        {
            List<JinjaNode> body = ParseBody(["elif", "else", "endif"], out string? stop);
            branches.Add((condition, body));
            if (stop == "elif")
            {
                condition = ParseTuple(withCondition: false);
                ExpectBlockEnd();
                continue;
            }
            if (stop == "else")
            {
                ExpectBlockEnd();
                List<JinjaNode> elseBody = ParseBody(["endif"], out _);
                ExpectBlockEnd();
                return new IfNode(branches, elseBody, line);
            }
            ExpectBlockEnd();
            return new IfNode(branches, null, line);
        }
    }

    private ForNode ParseFor(int line)
    {
        List<string> targets = ParseTargets();
        if (!Current.IsName("in"))
        {
            throw Error($"expected 'in', found {Current}");
        }
        _pos++;
        JinjaExpr iterable = ParseTuple(withCondition: false);
        JinjaExpr? filter = null;
        if (Current.IsName("if"))
        {
            _pos++;
            filter = ParseExpression(withCondition: true);
        }
        if (Current.IsName("recursive"))
        {
            throw Error("recursive loops are not supported");
        }
        ExpectBlockEnd();
        List<JinjaNode> body = ParseBody(["else", "endfor"], out string? stop);
        List<JinjaNode>? elseBody = null;
        if (stop == "else")
        {
            ExpectBlockEnd();
            elseBody = ParseBody(["endfor"], out _);
        }
        ExpectBlockEnd();
        return new ForNode(targets, iterable, filter, body, elseBody, line);
    }

    private JinjaNode ParseSet(int line)
    {
        string first = ExpectName();
        if (Current.IsOperator("."))
        {
            _pos++;
            string attribute = ExpectName();
            ExpectOperator("=");
            JinjaExpr value = ParseTuple(withCondition: true);
            ExpectBlockEnd();
            return new SetNode([first], attribute, value, line);
        }
        var targets = new List<string> { first };
        while (Current.IsOperator(","))
        {
            _pos++;
            targets.Add(ExpectName());
        }
        if (Current.IsOperator("="))
        {
            _pos++;
            JinjaExpr value = ParseTuple(withCondition: true);
            ExpectBlockEnd();
            return new SetNode(targets, null, value, line);
        }
        if (targets.Count != 1)
        {
            throw Error("a block set takes one name");
        }
        ExpectBlockEnd();
        List<JinjaNode> body = ParseBody(["endset"], out _);
        ExpectBlockEnd();
        return new SetBlockNode(first, body, line);
    }

    private MacroNode ParseMacro(int line)
    {
        string name = ExpectName();
        ExpectOperator("(");
        var parameters = new List<(string, JinjaExpr?)>();
        while (!Current.IsOperator(")"))
        {
            string parameter = ExpectName();
            JinjaExpr? fallback = null;
            if (Current.IsOperator("="))
            {
                _pos++;
                fallback = ParseExpression(withCondition: true);
            }
            parameters.Add((parameter, fallback));
            if (!Current.IsOperator(","))
            {
                break;
            }
            _pos++;
        }
        ExpectOperator(")");
        ExpectBlockEnd();
        List<JinjaNode> body = ParseBody(["endmacro"], out _);
        ExpectBlockEnd();
        return new MacroNode(name, parameters, body, line);
    }

    private List<string> ParseTargets()
    {
        bool parenthesised = Current.IsOperator("(");
        if (parenthesised)
        {
            _pos++;
        }
        var targets = new List<string> { ExpectName() };
        while (Current.IsOperator(","))
        {
            _pos++;
            if (Current.Kind != JinjaTokenKind.Name || Current.IsName("in"))
            {
                break;
            }
            targets.Add(ExpectName());
        }
        if (parenthesised)
        {
            ExpectOperator(")");
        }
        return targets;
    }

    /// <summary>An expression, or a tuple when commas follow (<c>{{ a, b }}</c>, <c>for x in a, b</c>).</summary>
    private JinjaExpr ParseTuple(bool withCondition)
    {
        int line = Current.Line;
        JinjaExpr first = ParseExpression(withCondition);
        if (!Current.IsOperator(","))
        {
            return first;
        }
        var items = new List<JinjaExpr> { first };
        while (Current.IsOperator(","))
        {
            _pos++;
            if (IsTupleEnd())
            {
                break;
            }
            items.Add(ParseExpression(withCondition));
        }
        return new TupleExpr(items, line);
    }

    private bool IsTupleEnd() =>
        Current.Kind is JinjaTokenKind.VariableEnd or JinjaTokenKind.BlockEnd or JinjaTokenKind.End
        || Current.IsOperator(")") || Current.IsName("if") || Current.IsName("in");

    private JinjaExpr ParseExpression(bool withCondition) => withCondition ? ParseConditional() : ParseOr();

    private JinjaExpr ParseConditional()
    {
        JinjaExpr expr = ParseOr();
        while (Current.IsName("if"))
        {
            int line = Next().Line;
            JinjaExpr condition = ParseOr();
            JinjaExpr? otherwise = null;
            if (Current.IsName("else"))
            {
                _pos++;
                otherwise = ParseConditional();
            }
            expr = new ConditionalExpr(condition, expr, otherwise, line);
        }
        return expr;
    }

    private JinjaExpr ParseOr()
    {
        JinjaExpr left = ParseAnd();
        while (Current.IsName("or"))
        {
            int line = Next().Line;
            left = new BinaryExpr("or", left, ParseAnd(), line);
        }
        return left;
    }

    private JinjaExpr ParseAnd()
    {
        JinjaExpr left = ParseNot();
        while (Current.IsName("and"))
        {
            int line = Next().Line;
            left = new BinaryExpr("and", left, ParseNot(), line);
        }
        return left;
    }

    private JinjaExpr ParseNot()
    {
        if (Current.IsName("not"))
        {
            int line = Next().Line;
            return new UnaryExpr("not", ParseNot(), line);
        }
        return ParseCompare();
    }

    private JinjaExpr ParseCompare()
    {
        int line = Current.Line;
        JinjaExpr expr = ParseMath1();
        JinjaExpr? chain = null;
        while (true)
        {
            string? op = null;
            if (Current.Kind == JinjaTokenKind.Operator && Current.Value is "==" or "!=" or "<" or ">" or "<=" or ">=")
            {
                op = Next().Value;
            }
            else if (Current.IsName("in"))
            {
                _pos++;
                op = "in";
            }
            else if (Current.IsName("not") && Peek().IsName("in"))
            {
                _pos += 2;
                op = "not in";
            }
            if (op is null)
            {
                return chain ?? expr;
            }
            JinjaExpr right = ParseMath1();
            // a < b < c means a < b and b < c, as in Python.
            var comparison = new BinaryExpr(op, expr, right, line);
            chain = chain is null ? comparison : new BinaryExpr("and", chain, comparison, line);
            expr = right;
        }
    }

    private JinjaExpr ParseMath1()
    {
        JinjaExpr left = ParseConcat();
        while (Current.Kind == JinjaTokenKind.Operator && Current.Value is "+" or "-")
        {
            JinjaToken op = Next();
            left = new BinaryExpr(op.Value, left, ParseConcat(), op.Line);
        }
        return left;
    }

    private JinjaExpr ParseConcat()
    {
        JinjaExpr left = ParseMath2();
        while (Current.IsOperator("~"))
        {
            int line = Next().Line;
            left = new BinaryExpr("~", left, ParseMath2(), line);
        }
        return left;
    }

    private JinjaExpr ParseMath2()
    {
        JinjaExpr left = ParsePow();
        while (Current.Kind == JinjaTokenKind.Operator && Current.Value is "*" or "/" or "//" or "%")
        {
            JinjaToken op = Next();
            left = new BinaryExpr(op.Value, left, ParsePow(), op.Line);
        }
        return left;
    }

    private JinjaExpr ParsePow()
    {
        JinjaExpr left = ParseUnary(withFilter: true);
        while (Current.IsOperator("**"))
        {
            int line = Next().Line;
            left = new BinaryExpr("**", left, ParseUnary(withFilter: true), line);
        }
        return left;
    }

    private JinjaExpr ParseUnary(bool withFilter)
    {
        JinjaExpr node;
        if (Current.IsOperator("-") || Current.IsOperator("+"))
        {
            JinjaToken op = Next();
            node = new UnaryExpr(op.Value, ParseUnary(withFilter: false), op.Line);
        }
        else
        {
            node = ParsePrimary();
        }
        node = ParsePostfix(node);
        return withFilter ? ParseFilterExpr(node) : node;
    }

    private JinjaExpr ParsePrimary()
    {
        JinjaToken token = Current;
        switch (token.Kind)
        {
            case JinjaTokenKind.Name:
                _pos++;
                return token.Value switch
                {
                    "true" or "True" => new LiteralExpr(true, token.Line),
                    "false" or "False" => new LiteralExpr(false, token.Line),
                    "none" or "None" => new LiteralExpr(null, token.Line),
                    _ => new NameExpr(token.Value, token.Line),
                };
            case JinjaTokenKind.String:
            {
                _pos++;
                string value = token.Value;
                while (Current.Kind == JinjaTokenKind.String)
                {
                    value += Next().Value;
                }
                return new LiteralExpr(value, token.Line);
            }
            case JinjaTokenKind.Integer:
                _pos++;
                return new LiteralExpr(long.Parse(token.Value, CultureInfo.InvariantCulture), token.Line);
            case JinjaTokenKind.Float:
                _pos++;
                return new LiteralExpr(double.Parse(token.Value, CultureInfo.InvariantCulture), token.Line);
            case JinjaTokenKind.Operator when token.Value == "(":
            {
                _pos++;
                if (Current.IsOperator(")"))
                {
                    _pos++;
                    return new TupleExpr([], token.Line);
                }
                JinjaExpr inner = ParseTuple(withCondition: true);
                ExpectOperator(")");
                return inner;
            }
            case JinjaTokenKind.Operator when token.Value == "[":
            {
                _pos++;
                var items = new List<JinjaExpr>();
                while (!Current.IsOperator("]"))
                {
                    items.Add(ParseExpression(withCondition: true));
                    if (!Current.IsOperator(","))
                    {
                        break;
                    }
                    _pos++;
                }
                ExpectOperator("]");
                return new ListExpr(items, token.Line);
            }
            case JinjaTokenKind.Operator when token.Value == "{":
            {
                _pos++;
                var items = new List<(JinjaExpr, JinjaExpr)>();
                while (!Current.IsOperator("}"))
                {
                    JinjaExpr key = ParseExpression(withCondition: true);
                    ExpectOperator(":");
                    items.Add((key, ParseExpression(withCondition: true)));
                    if (!Current.IsOperator(","))
                    {
                        break;
                    }
                    _pos++;
                }
                ExpectOperator("}");
                return new DictExpr(items, token.Line);
            }
            default:
                throw Error($"unexpected {token}");
        }
    }

    private JinjaExpr ParsePostfix(JinjaExpr node)
    {
        while (true)
        {
            if (Current.IsOperator("."))
            {
                int line = Next().Line;
                if (Current.Kind == JinjaTokenKind.Integer)
                {
                    node = new ItemExpr(node, new LiteralExpr(long.Parse(Next().Value, CultureInfo.InvariantCulture), line), line);
                }
                else
                {
                    node = new AttributeExpr(node, ExpectName(), line);
                }
            }
            else if (Current.IsOperator("["))
            {
                node = ParseSubscript(node);
            }
            else if (Current.IsOperator("("))
            {
                int line = Current.Line;
                (List<JinjaExpr> args, List<(string, JinjaExpr)> keywords) = ParseArguments();
                node = new CallExpr(node, args, keywords, line);
            }
            else
            {
                return node;
            }
        }
    }

    private JinjaExpr ParseSubscript(JinjaExpr node)
    {
        int line = Next().Line; // [
        JinjaExpr? start = null, stop = null, step = null;
        bool slice = false;
        if (!Current.IsOperator(":"))
        {
            start = ParseExpression(withCondition: true);
        }
        if (Current.IsOperator(":"))
        {
            slice = true;
            _pos++;
            if (!Current.IsOperator("]") && !Current.IsOperator(":"))
            {
                stop = ParseExpression(withCondition: true);
            }
            if (Current.IsOperator(":"))
            {
                _pos++;
                if (!Current.IsOperator("]"))
                {
                    step = ParseExpression(withCondition: true);
                }
            }
        }
        ExpectOperator("]");
        return slice ? new SliceExpr(node, start, stop, step, line) : new ItemExpr(node, start!, line);
    }

    private (List<JinjaExpr>, List<(string, JinjaExpr)>) ParseArguments()
    {
        ExpectOperator("(");
        var args = new List<JinjaExpr>();
        var keywords = new List<(string, JinjaExpr)>();
        while (!Current.IsOperator(")"))
        {
            if (Current.Kind == JinjaTokenKind.Name && Peek().IsOperator("="))
            {
                string name = Next().Value;
                _pos++;
                keywords.Add((name, ParseExpression(withCondition: true)));
            }
            else
            {
                args.Add(ParseExpression(withCondition: true));
            }
            if (!Current.IsOperator(","))
            {
                break;
            }
            _pos++;
        }
        ExpectOperator(")");
        return (args, keywords);
    }

    private JinjaExpr ParseFilterExpr(JinjaExpr node)
    {
        while (true)
        {
            if (Current.IsOperator("|"))
            {
                int line = Next().Line;
                string name = ExpectName();
                while (Current.IsOperator(".") && Peek().Kind == JinjaTokenKind.Name)
                {
                    _pos++;
                    name += "." + Next().Value;
                }
                var args = new List<JinjaExpr>();
                var keywords = new List<(string, JinjaExpr)>();
                if (Current.IsOperator("("))
                {
                    (args, keywords) = ParseArguments();
                }
                node = new FilterExpr(node, name, args, keywords, line);
            }
            else if (Current.IsName("is"))
            {
                int line = Next().Line;
                bool negated = false;
                if (Current.IsName("not"))
                {
                    _pos++;
                    negated = true;
                }
                string name = ExpectName();
                var args = new List<JinjaExpr>();
                if (Current.IsOperator("("))
                {
                    (args, _) = ParseArguments();
                }
                else if ((Current.Kind is JinjaTokenKind.Name or JinjaTokenKind.String or JinjaTokenKind.Integer or JinjaTokenKind.Float
                          || Current.IsOperator("(") || Current.IsOperator("[") || Current.IsOperator("{"))
                         && !Current.IsName("else") && !Current.IsName("or") && !Current.IsName("and"))
                {
                    args.Add(ParsePostfix(ParsePrimary()));
                }
                node = new TestExpr(node, name, args, negated, line);
            }
            else if (Current.IsOperator("("))
            {
                int line = Current.Line;
                (List<JinjaExpr> args, List<(string, JinjaExpr)> keywords) = ParseArguments();
                node = new CallExpr(node, args, keywords, line);
            }
            else
            {
                return node;
            }
        }
    }
}

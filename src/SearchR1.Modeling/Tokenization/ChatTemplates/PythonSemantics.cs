using System.Globalization;
using System.Text;

namespace SearchR1.Modeling.Tokenization.ChatTemplates;

/// <summary>
/// What Python (under Jinja) does with values: truthiness, equality, ordering, arithmetic, <c>str()</c>,
/// <c>repr()</c>, and <c>json.dumps</c> as transformers' <c>tojson</c> calls it (ensure_ascii=False).
/// </summary>
internal static class PythonSemantics
{
    public static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        System.Collections.ICollection c => c.Count > 0,
        JinjaUndefined => false,
        _ => true,
    };

    public static bool IsNumber(object? value) => value is long or double or bool;

    public static double ToDouble(object? value) => value switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new ChatTemplateException($"expected a number, got {TypeName(value)}"),
    };

    public static long ToLong(object? value) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        double d => (long)Math.Truncate(d),
        _ => throw new ChatTemplateException($"expected an integer, got {TypeName(value)}"),
    };

    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        JinjaTuple => "tuple",
        List<object?> => "list",
        JinjaDictionary => "dict",
        JinjaUndefined => "Undefined",
        JinjaNamespace => "Namespace",
        _ => value.GetType().Name,
    };

    public static new bool Equals(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }
        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? ToDouble(a) == ToDouble(b) : ToLong(a) == ToLong(b);
        }
        switch (a)
        {
            case string sa:
                return b is string sb && string.Equals(sa, sb, StringComparison.Ordinal);
            case List<object?> la when b is List<object?> lb && (a is JinjaTuple) == (b is JinjaTuple):
                return la.Count == lb.Count && la.Zip(lb).All(p => Equals(p.First, p.Second));
            case JinjaDictionary da when b is JinjaDictionary db:
                return da.Count == db.Count && da.All(kv => db.TryGetValue(kv.Key, out object? v) && Equals(kv.Value, v));
            case JinjaUndefined:
                return b is JinjaUndefined;
            default:
                return ReferenceEquals(a, b);
        }
    }

    public static int Compare(object? a, object? b)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? ToDouble(a).CompareTo(ToDouble(b)) : ToLong(a).CompareTo(ToLong(b));
        }
        if (a is string sa && b is string sb)
        {
            return Math.Sign(string.CompareOrdinal(sa, sb));
        }
        if (a is List<object?> la && b is List<object?> lb)
        {
            for (int i = 0; i < Math.Min(la.Count, lb.Count); i++)
            {
                if (!Equals(la[i], lb[i]))
                {
                    return Compare(la[i], lb[i]);
                }
            }
            return la.Count.CompareTo(lb.Count);
        }
        throw new ChatTemplateException($"'<' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'");
    }

    public static object? Add(object? a, object? b)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? (object)(ToDouble(a) + ToDouble(b)) : ToLong(a) + ToLong(b);
        }
        if (a is string sa && b is string sb)
        {
            return sa + sb;
        }
        if (a is List<object?> la && b is List<object?> lb && (a is JinjaTuple) == (b is JinjaTuple))
        {
            var joined = la.Concat(lb);
            return a is JinjaTuple ? new JinjaTuple(joined) : joined.ToList();
        }
        throw Unsupported("+", a, b);
    }

    public static object? Arithmetic(string op, object? a, object? b)
    {
        if (op == "*")
        {
            if (a is string s && b is long or bool)
            {
                return string.Concat(Enumerable.Repeat(s, (int)Math.Max(0, ToLong(b))));
            }
            if (a is List<object?> list && b is long or bool)
            {
                return Enumerable.Repeat(list, (int)Math.Max(0, ToLong(b))).SelectMany(x => x).ToList();
            }
        }
        if (!IsNumber(a) || !IsNumber(b))
        {
            throw Unsupported(op, a, b);
        }
        bool integers = a is not double && b is not double;
        switch (op)
        {
            case "-":
                return integers ? (object)(ToLong(a) - ToLong(b)) : ToDouble(a) - ToDouble(b);
            case "*":
                return integers ? (object)(ToLong(a) * ToLong(b)) : ToDouble(a) * ToDouble(b);
            case "/":
                return ToDouble(b) == 0 ? throw new ChatTemplateException("division by zero") : ToDouble(a) / ToDouble(b);
            case "//":
                if (integers)
                {
                    long x = ToLong(a), y = ToLong(b);
                    if (y == 0)
                    {
                        throw new ChatTemplateException("integer division by zero");
                    }
                    long q = x / y;
                    return (x % y != 0 && (x < 0) != (y < 0)) ? q - 1 : q;
                }
                return Math.Floor(ToDouble(a) / ToDouble(b));
            case "%":
                if (integers)
                {
                    long x = ToLong(a), y = ToLong(b);
                    if (y == 0)
                    {
                        throw new ChatTemplateException("integer modulo by zero");
                    }
                    long r = x % y;
                    return r != 0 && (r < 0) != (y < 0) ? r + y : r;
                }
                double dx = ToDouble(a), dy = ToDouble(b);
                double dr = dx % dy;
                return dr != 0 && (dr < 0) != (dy < 0) ? dr + dy : dr;
            case "**":
                return integers && ToLong(b) >= 0 ? (object)(long)Math.Pow(ToLong(a), ToLong(b)) : Math.Pow(ToDouble(a), ToDouble(b));
            default:
                throw Unsupported(op, a, b);
        }
    }

    private static ChatTemplateException Unsupported(string op, object? a, object? b) =>
        a is JinjaUndefined u ? new ChatTemplateException($"'{u.Name}' is undefined")
        : b is JinjaUndefined v ? new ChatTemplateException($"'{v.Name}' is undefined")
        : new ChatTemplateException($"unsupported operand type(s) for {op}: '{TypeName(a)}' and '{TypeName(b)}'");

    /// <summary>Python's <c>str()</c>, which is what <c>{{ value }}</c> prints (Undefined prints nothing).</summary>
    public static string Str(object? value) => value switch
    {
        string s => s,
        JinjaUndefined => "",
        _ => Repr(value),
    };

    /// <summary>Python's <c>repr()</c> (lists and dicts print their items this way).</summary>
    public static string Repr(object? value)
    {
        switch (value)
        {
            case null:
                return "None";
            case bool b:
                return b ? "True" : "False";
            case long l:
                return l.ToString(CultureInfo.InvariantCulture);
            case double d:
                return FloatRepr(d);
            case string s:
                return StringRepr(s);
            case JinjaTuple t:
                return t.Count == 1 ? "(" + Repr(t[0]) + ",)" : "(" + string.Join(", ", t.Select(Repr)) + ")";
            case List<object?> list:
                return "[" + string.Join(", ", list.Select(Repr)) + "]";
            case JinjaDictionary dict:
                return "{" + string.Join(", ", dict.Select(kv => StringRepr(kv.Key) + ": " + Repr(kv.Value))) + "}";
            case JinjaUndefined:
                return "";
            case JinjaNamespace ns:
                return "<Namespace " + string.Join(", ", ns.Attributes.Select(kv => kv.Key + "=" + Repr(kv.Value))) + ">";
            default:
                return value.ToString() ?? "";
        }
    }

    /// <summary>Python's float repr: shortest round-trip digits, scientific below 1e-4 and from 1e16.</summary>
    public static string FloatRepr(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }
        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }
        // "E16" of the round-trip string gives the digits and the decimal exponent.
        string r = d.ToString("R", CultureInfo.InvariantCulture);
        bool negative = r[0] == '-';
        if (negative)
        {
            r = r[1..];
        }
        int exponent = 0;
        int e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }
        int dot = r.IndexOf('.');
        string digits = dot < 0 ? r : r.Remove(dot, 1);
        int pointPosition = (dot < 0 ? r.Length : dot) + exponent; // digits[..pointPosition] is the integer part
        int leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0');
        pointPosition -= leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }
        int decimalExponent = pointPosition - 1; // scientific exponent
        string body;
        if (decimalExponent < -4 || decimalExponent >= 16)
        {
            string mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            body = mantissa + "e" + (decimalExponent < 0 ? "-" : "+") + Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (pointPosition <= 0)
        {
            body = "0." + new string('0', -pointPosition) + digits;
        }
        else if (pointPosition >= digits.Length)
        {
            body = digits + new string('0', pointPosition - digits.Length) + ".0";
        }
        else
        {
            body = digits[..pointPosition] + "." + digits[pointPosition..];
        }
        return negative ? "-" + body : body;
    }

    private static string StringRepr(string s)
    {
        char quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder(s.Length + 2);
        sb.Append(quote);
        foreach (char c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote)
                    {
                        sb.Append('\\').Append(c);
                    }
                    else if (c < 0x20 || c == 0x7F)
                    {
                        sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append(quote);
        return sb.ToString();
    }

    /// <summary>
    /// <c>json.dumps(value, ensure_ascii=False, indent=indent, separators=separators, sort_keys=sortKeys)</c>.
    /// </summary>
    public static string JsonDumps(object? value, string? indent, (string Item, string Key)? separators, bool sortKeys, bool ensureAscii = false)
    {
        (string item, string key) = separators ?? (indent is null ? (", ", ": ") : (",", ": "));
        var sb = new StringBuilder();
        WriteJson(sb, value, indent, item, key, sortKeys, 0);
        if (!ensureAscii)
        {
            return sb.ToString();
        }
        // ensure_ascii: every non-ASCII UTF-16 unit as \uXXXX (Python writes surrogate pairs the same way).
        var ascii = new StringBuilder(sb.Length);
        foreach (char c in sb.ToString())
        {
            if (c < 0x80)
            {
                ascii.Append(c);
            }
            else
            {
                ascii.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }
        return ascii.ToString();
    }

    private static void WriteJson(StringBuilder sb, object? value, string? indent, string item, string key, bool sortKeys, int level)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                return;
            case bool b:
                sb.Append(b ? "true" : "false");
                return;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                return;
            case double d:
                sb.Append(double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : FloatRepr(d));
                return;
            case string s:
                WriteJsonString(sb, s);
                return;
            case List<object?> list:
                WriteJsonContainer(sb, '[', ']', list.Count, indent, item, level, i => WriteJson(sb, list[i], indent, item, key, sortKeys, level + 1));
                return;
            case JinjaDictionary dict:
            {
                var entries = sortKeys ? dict.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList() : dict.ToList();
                WriteJsonContainer(sb, '{', '}', entries.Count, indent, item, level, i =>
                {
                    WriteJsonString(sb, entries[i].Key);
                    sb.Append(key);
                    WriteJson(sb, entries[i].Value, indent, item, key, sortKeys, level + 1);
                });
                return;
            }
            default:
                throw new ChatTemplateException($"Object of type {TypeName(value)} is not JSON serializable");
        }
    }

    private static void WriteJsonContainer(StringBuilder sb, char open, char close, int count, string? indent, string item, int level, Action<int> writeItem)
    {
        if (count == 0)
        {
            sb.Append(open).Append(close);
            return;
        }
        sb.Append(open);
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(item);
            }
            if (indent is not null)
            {
                sb.Append('\n');
                for (int k = 0; k <= level; k++)
                {
                    sb.Append(indent);
                }
            }
            writeItem(i);
        }
        if (indent is not null)
        {
            sb.Append('\n');
            for (int k = 0; k < level; k++)
            {
                sb.Append(indent);
            }
        }
        sb.Append(close);
    }

    private static void WriteJsonString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>Python's <c>str.isspace</c> for one character (what <c>strip()</c> and <c>|trim</c> remove).</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || (c >= '\x1c' && c <= '\x1f');

    public static string Strip(string s, string? chars, bool left, bool right)
    {
        int start = 0, end = s.Length;
        bool Remove(char c) => chars is null ? IsSpace(c) : chars.Contains(c);
        if (left)
        {
            while (start < end && Remove(s[start]))
            {
                start++;
            }
        }
        if (right)
        {
            while (end > start && Remove(s[end - 1]))
            {
                end--;
            }
        }
        return s[start..end];
    }
}

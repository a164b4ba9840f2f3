using System.Globalization;
using System.Text;
using static SearchR1.Modeling.Tokenization.ChatTemplates.PythonSemantics;

namespace SearchR1.Modeling.Tokenization.ChatTemplates;

/// <summary>
/// Jinja's attribute and item access, filters, tests and the globals transformers adds
/// (<c>raise_exception</c>, <c>strftime_now</c>), plus the Python string and dict methods templates call.
/// </summary>
internal static class JinjaBuiltins
{
    /// <summary>The globals every render sees (Jinja's defaults and transformers' additions).</summary>
    public static Dictionary<string, object?> Globals(Func<DateTime> now) => new(StringComparer.Ordinal)
    {
        ["range"] = new JinjaCallable((args, _) => Range(args)),
        ["namespace"] = new JinjaCallable((args, kwargs) =>
        {
            var ns = new JinjaNamespace();
            foreach (object? arg in args)
            {
                if (arg is JinjaDictionary d)
                {
                    foreach ((string k, object? v) in d)
                    {
                        ns.Attributes[k] = v;
                    }
                }
            }
            foreach ((string k, object? v) in kwargs)
            {
                ns.Attributes[k] = v;
            }
            return ns;
        }),
        ["dict"] = new JinjaCallable((_, kwargs) =>
        {
            var d = new JinjaDictionary();
            foreach ((string k, object? v) in kwargs)
            {
                d[k] = v;
            }
            return d;
        }),
        ["raise_exception"] = new JinjaCallable((args, _) =>
            throw new ChatTemplateException(args.Count > 0 ? Str(args[0]) : "raise_exception called")),
        ["strftime_now"] = new JinjaCallable((args, _) => Strftime(now(), args.Count > 0 ? Str(args[0]) : "")),
    };

    private static List<object?> Range(List<object?> args)
    {
        long start = 0, stop, step = 1;
        if (args.Count == 1)
        {
            stop = ToLong(args[0]);
        }
        else
        {
            start = ToLong(args[0]);
            stop = ToLong(args[1]);
            step = args.Count > 2 ? ToLong(args[2]) : 1;
        }
        if (step == 0)
        {
            throw new ChatTemplateException("range() arg 3 must not be zero");
        }
        var result = new List<object?>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            result.Add(i);
        }
        return result;
    }

    /// <summary>Python's <c>datetime.strftime</c> for the usual directives.</summary>
    public static string Strftime(DateTime time, string format)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                sb.Append(format[i]);
                continue;
            }
            char directive = format[++i];
            bool noPad = directive == '-' && i + 1 < format.Length;
            if (noPad)
            {
                directive = format[++i];
            }
            string Pad(int v, int width) => noPad ? v.ToString(CultureInfo.InvariantCulture) : v.ToString(new string('0', width), CultureInfo.InvariantCulture);
            sb.Append(directive switch
            {
                'd' => Pad(time.Day, 2),
                'm' => Pad(time.Month, 2),
                'Y' => time.Year.ToString(CultureInfo.InvariantCulture),
                'y' => Pad(time.Year % 100, 2),
                'H' => Pad(time.Hour, 2),
                'I' => Pad(time.Hour % 12 == 0 ? 12 : time.Hour % 12, 2),
                'M' => Pad(time.Minute, 2),
                'S' => Pad(time.Second, 2),
                'j' => Pad(time.DayOfYear, 3),
                'p' => time.Hour < 12 ? "AM" : "PM",
                'b' => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(time.Month),
                'B' => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(time.Month),
                'a' => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(time.DayOfWeek),
                'A' => CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(time.DayOfWeek),
                'f' => (time.Ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", CultureInfo.InvariantCulture),
                '%' => "%",
                _ => "%" + directive,
            });
        }
        return sb.ToString();
    }

    public static object? GetAttribute(object? target, string name, string description)
    {
        switch (target)
        {
            case JinjaUndefined u:
                throw new ChatTemplateException($"'{u.Name}' is undefined (reading .{name})");
            case JinjaDictionary dict:
                // Jinja tries the Python attribute first: dict methods shadow keys of the same name.
                return (object?)DictMethod(dict, name) ?? (dict.TryGetValue(name, out object? value) ? value : new JinjaUndefined(description + "." + name));
            case string s:
                return (object?)StringMethod(s, name) ?? new JinjaUndefined(description + "." + name);
            case JinjaNamespace ns:
                return ns.Attributes.TryGetValue(name, out object? attribute) ? attribute : new JinjaUndefined(description + "." + name);
            case JinjaLoop loop:
                return loop.Get(name);
            case List<object?> list:
                return (object?)ListMethod(list, name) ?? new JinjaUndefined(description + "." + name);
            default:
                return new JinjaUndefined(description + "." + name);
        }
    }

    public static object? GetItem(object? target, object? key, string description)
    {
        switch (target)
        {
            case JinjaUndefined u:
                throw new ChatTemplateException($"'{u.Name}' is undefined (reading [{Repr(key)}])");
            case JinjaDictionary dict when key is string k:
                return dict.TryGetValue(k, out object? value) ? value : new JinjaUndefined(description + "[" + Repr(key) + "]");
            case List<object?> list when key is long or bool:
            {
                long index = ToLong(key);
                if (index < 0)
                {
                    index += list.Count;
                }
                return index >= 0 && index < list.Count ? list[(int)index] : new JinjaUndefined(description + "[" + Repr(key) + "]");
            }
            case string s when key is long or bool:
            {
                List<object?> chars = JinjaInterpreter.StringElements(s);
                long index = ToLong(key);
                if (index < 0)
                {
                    index += chars.Count;
                }
                return index >= 0 && index < chars.Count ? chars[(int)index] : new JinjaUndefined(description + "[" + Repr(key) + "]");
            }
            default:
                return key is string name ? GetAttribute(target, name, description) : new JinjaUndefined(description + "[" + Repr(key) + "]");
        }
    }

    /// <summary>Python slicing <c>x[start:stop:step]</c> of a list, tuple or string.</summary>
    public static object? Slice(object? target, object? start, object? stop, object? step)
    {
        List<object?> items = target switch
        {
            List<object?> list => list,
            string s => JinjaInterpreter.StringElements(s),
            JinjaUndefined u => throw new ChatTemplateException($"'{u.Name}' is undefined (slicing)"),
            _ => throw new ChatTemplateException($"'{TypeName(target)}' object is not subscriptable"),
        };
        long n = items.Count;
        long st = step is null ? 1 : ToLong(step);
        if (st == 0)
        {
            throw new ChatTemplateException("slice step cannot be zero");
        }
        long Clamp(object? bound, long fallback)
        {
            if (bound is null)
            {
                return fallback;
            }
            long b = ToLong(bound);
            if (b < 0)
            {
                b += n;
                if (b < 0)
                {
                    b = st > 0 ? 0 : -1;
                }
            }
            else if (b >= n)
            {
                b = st > 0 ? n : n - 1;
            }
            return b;
        }
        long from = Clamp(start, st > 0 ? 0 : n - 1);
        long to = Clamp(stop, st > 0 ? n : -1);
        var result = new List<object?>();
        for (long i = from; st > 0 ? i < to : i > to; i += st)
        {
            result.Add(items[(int)i]);
        }
        return target switch
        {
            string => string.Concat(result.Cast<string>()),
            JinjaTuple => new JinjaTuple(result),
            _ => result,
        };
    }

    /// <summary>Python's <c>needle in haystack</c>.</summary>
    public static bool Contains(object? haystack, object? needle) => haystack switch
    {
        string s => needle is string n ? s.Contains(n, StringComparison.Ordinal) : throw new ChatTemplateException($"'in <string>' requires string as left operand, not {TypeName(needle)}"),
        List<object?> list => list.Any(item => PythonSemantics.Equals(item, needle)),
        JinjaDictionary dict => needle is string key && dict.ContainsKey(key),
        JinjaUndefined => false,
        _ => throw new ChatTemplateException($"argument of type '{TypeName(haystack)}' is not iterable"),
    };

    public static long Length(object? value) => value switch
    {
        string s => JinjaInterpreter.StringElements(s).Count,
        System.Collections.ICollection c => c.Count,
        JinjaUndefined => 0,
        _ => throw new ChatTemplateException($"object of type '{TypeName(value)}' has no len()"),
    };

    public static object? ApplyFilter(string name, List<object?> args, Dictionary<string, object?> kwargs, JinjaInterpreter interpreter)
    {
        object? value = args[0];
        object? Arg(int index, string keyword, object? fallback) =>
            index < args.Count ? args[index] : kwargs.TryGetValue(keyword, out object? v) ? v : fallback;
        switch (name)
        {
            case "trim":
                return Strip(AsString(value, name), Arg(1, "chars", null) is string chars ? chars : null, true, true);
            case "tojson":
            {
                // transformers' tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False).
                bool ensureAscii = Truthy(Arg(1, "ensure_ascii", false));
                object? indent = Arg(2, "indent", null);
                string? indentText = indent switch
                {
                    null => null,
                    string s => s,
                    _ => new string(' ', (int)ToLong(indent)),
                };
                (string, string)? separators = Arg(3, "separators", null) is List<object?> { Count: 2 } sep ? (Str(sep[0]), Str(sep[1])) : null;
                return JsonDumps(value, indentText, separators, Truthy(Arg(4, "sort_keys", false)), ensureAscii);
            }
            case "length":
            case "count":
                return Length(value);
            case "first":
                return JinjaInterpreter.Iterate(value) is { Count: > 0 } firstItems ? firstItems[0] : new JinjaUndefined("first");
            case "last":
                return JinjaInterpreter.Iterate(value) is { Count: > 0 } lastItems ? lastItems[^1] : new JinjaUndefined("last");
            case "join":
            {
                string separator = Arg(1, "d", "") is string sepText ? sepText : "";
                IEnumerable<object?> items = JinjaInterpreter.Iterate(value);
                if (Arg(2, "attribute", null) is object attribute)
                {
                    items = items.Select(item => GetItem(item, attribute, "item"));
                }
                return string.Join(separator, items.Select(Str));
            }
            case "default":
            case "d":
            {
                bool boolean = Truthy(Arg(2, "boolean", false));
                bool useDefault = value is JinjaUndefined || (boolean && !Truthy(value));
                return useDefault ? Arg(1, "default_value", "") : value;
            }
            case "upper":
                return AsString(value, name).ToUpperInvariant();
            case "lower":
                return AsString(value, name).ToLowerInvariant();
            case "capitalize":
            {
                string s = AsString(value, name);
                return s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();
            }
            case "title":
                return Title(AsString(value, name));
            case "replace":
            {
                string s = AsString(value, name);
                string old = Str(Arg(1, "old", "")), replacement = Str(Arg(2, "new", ""));
                long count = Arg(3, "count", null) is object c ? ToLong(c) : -1;
                return Replace(s, old, replacement, count);
            }
            case "string":
                return Str(value);
            case "safe":
                return value;
            case "int":
                return value switch
                {
                    string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l) => l,
                    string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => (long)d,
                    long or bool or double => ToLong(value),
                    _ => Arg(1, "default", 0L),
                };
            case "float":
                return value switch
                {
                    string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
                    long or bool or double => ToDouble(value),
                    _ => Arg(1, "default", 0.0),
                };
            case "abs":
                return value is long l2 ? (object)Math.Abs(l2) : Math.Abs(ToDouble(value));
            case "round":
            {
                int precision = (int)ToLong(Arg(1, "precision", 0L));
                string method = Str(Arg(2, "method", "common"));
                double d = ToDouble(value);
                double factor = Math.Pow(10, precision);
                return method switch
                {
                    "ceil" => Math.Ceiling(d * factor) / factor,
                    "floor" => Math.Floor(d * factor) / factor,
                    _ => Math.Round(d * factor, MidpointRounding.AwayFromZero) / factor,
                };
            }
            case "list":
                return JinjaInterpreter.Iterate(value).ToList();
            case "items":
                return value is JinjaDictionary dictionary
                    ? dictionary.Select(kv => (object?)new JinjaTuple([kv.Key, kv.Value])).ToList()
                    : value is JinjaUndefined ? [] : throw new ChatTemplateException($"items filter expects a mapping, got {TypeName(value)}");
            case "reverse":
                return value is string rs ? string.Concat(JinjaInterpreter.StringElements(rs).Cast<string>().Reverse()) : JinjaInterpreter.Iterate(value).AsEnumerable().Reverse().ToList();
            case "unique":
            {
                var result = new List<object?>();
                foreach (object? item in JinjaInterpreter.Iterate(value))
                {
                    if (!result.Any(r => PythonSemantics.Equals(r, item)))
                    {
                        result.Add(item);
                    }
                }
                return result;
            }
            case "sum":
            {
                object? total = Arg(2, "start", 0L);
                foreach (object? item in JinjaInterpreter.Iterate(value))
                {
                    total = Add(total, Arg(1, "attribute", null) is object attr ? GetItem(item, attr, "item") : item);
                }
                return total;
            }
            case "map":
            {
                List<object?> items = JinjaInterpreter.Iterate(value);
                if (kwargs.TryGetValue("attribute", out object? attribute))
                {
                    return items.Select(item => GetItem(item, attribute, "item")).ToList();
                }
                string filter = Str(args.Count > 1 ? args[1] : throw new ChatTemplateException("map needs a filter name or attribute="));
                return items.Select(item => ApplyFilter(filter, [item, .. args.Skip(2)], [], interpreter)).ToList();
            }
            case "select":
            case "reject":
            {
                bool keep = name == "select";
                string test = args.Count > 1 ? Str(args[1]) : "";
                return JinjaInterpreter.Iterate(value)
                    .Where(item => (test.Length == 0 ? Truthy(item) : ApplyTest(test, [item, .. args.Skip(2)], interpreter)) == keep)
                    .ToList();
            }
            case "selectattr":
            case "rejectattr":
            {
                bool keep = name == "selectattr";
                object? attribute = args.Count > 1 ? args[1] : throw new ChatTemplateException($"{name} needs an attribute name");
                string test = args.Count > 2 ? Str(args[2]) : "";
                return JinjaInterpreter.Iterate(value)
                    .Where(item =>
                    {
                        object? attr = GetItem(item, attribute, "item");
                        return (test.Length == 0 ? Truthy(attr) : ApplyTest(test, [attr, .. args.Skip(3)], interpreter)) == keep;
                    })
                    .ToList();
            }
            case "dictsort":
                return value is JinjaDictionary sortable
                    ? sortable.OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase).Select(kv => (object?)new JinjaTuple([kv.Key, kv.Value])).ToList()
                    : throw new ChatTemplateException("dictsort expects a mapping");
            case "indent":
            {
                string s = AsString(value, name);
                object? width = Arg(1, "width", 4L);
                string pad = width is string padText ? padText : new string(' ', (int)ToLong(width));
                bool first = Truthy(Arg(2, "first", false));
                bool blank = Truthy(Arg(3, "blank", false));
                string[] lines = s.Split('\n');
                var sb = new StringBuilder();
                for (int i = 0; i < lines.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append('\n');
                    }
                    bool indentLine = (i > 0 || first) && (blank || lines[i].Length > 0);
                    sb.Append(indentLine ? pad + lines[i] : lines[i]);
                }
                return sb.ToString();
            }
            case "wordcount":
                return (long)AsString(value, name).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            default:
                throw new ChatTemplateException($"no filter named '{name}'");
        }
    }

    public static bool ApplyTest(string name, List<object?> args, JinjaInterpreter interpreter)
    {
        object? value = args[0];
        object? other = args.Count > 1 ? args[1] : null;
        return name switch
        {
            "defined" => value is not JinjaUndefined,
            "undefined" => value is JinjaUndefined,
            "none" => value is null,
            "string" => value is string,
            "number" => value is long or double or bool,
            "integer" => value is long,
            "float" => value is double,
            "boolean" => value is bool,
            "true" => value is true,
            "false" => value is false,
            "mapping" => value is JinjaDictionary,
            "iterable" => value is string or List<object?> or JinjaDictionary or JinjaUndefined,
            "sequence" => value is string or List<object?> or JinjaDictionary or JinjaUndefined,
            "callable" => value is JinjaCallable,
            "odd" => ToLong(value) % 2 != 0,
            "even" => ToLong(value) % 2 == 0,
            "divisibleby" => ToLong(value) % ToLong(other) == 0,
            "lower" => value is string lower && lower == lower.ToLowerInvariant(),
            "upper" => value is string upper && upper == upper.ToUpperInvariant(),
            "eq" or "equalto" or "==" => PythonSemantics.Equals(value, other),
            "ne" or "!=" => !PythonSemantics.Equals(value, other),
            "lt" or "lessthan" or "<" => Compare(value, other) < 0,
            "le" or "<=" => Compare(value, other) <= 0,
            "gt" or "greaterthan" or ">" => Compare(value, other) > 0,
            "ge" or ">=" => Compare(value, other) >= 0,
            "in" => Contains(other, value),
            "sameas" => ReferenceEquals(value, other) || (value is null && other is null) || (value is bool a && other is bool b && a == b),
            _ => throw new ChatTemplateException($"no test named '{name}'"),
        };
    }

    private static string AsString(object? value, string filter) => value switch
    {
        string s => s,
        JinjaUndefined => "",
        _ => Str(value),
    };

    private static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        bool previousCased = false;
        foreach (char c in s)
        {
            sb.Append(previousCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            previousCased = char.IsLetter(c);
        }
        return sb.ToString();
    }

    private static string Replace(string s, string old, string replacement, long count)
    {
        if (count < 0)
        {
            return old.Length == 0 ? string.Join(replacement, ["", .. JinjaInterpreter.StringElements(s).Cast<string>(), ""]) : s.Replace(old, replacement, StringComparison.Ordinal);
        }
        var sb = new StringBuilder();
        int position = 0;
        for (long done = 0; done < count && old.Length > 0; done++)
        {
            int found = s.IndexOf(old, position, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }
            sb.Append(s, position, found - position).Append(replacement);
            position = found + old.Length;
        }
        return sb.Append(s, position, s.Length - position).ToString();
    }

    private static JinjaCallable? DictMethod(JinjaDictionary dict, string name) => name switch
    {
        "items" => (_, _) => dict.Select(kv => (object?)new JinjaTuple([kv.Key, kv.Value])).ToList(),
        "keys" => (_, _) => dict.Keys.Cast<object?>().ToList(),
        "values" => (_, _) => dict.Values.ToList(),
        "get" => (args, _) => args.Count > 0 && args[0] is string key && dict.TryGetValue(key, out object? v) ? v : args.Count > 1 ? args[1] : null,
        _ => null,
    };

    private static JinjaCallable? ListMethod(List<object?> list, string name) => name switch
    {
        "index" => (args, _) => (long)list.FindIndex(item => PythonSemantics.Equals(item, args[0])) is var i && i >= 0 ? i : throw new ChatTemplateException($"{Repr(args[0])} is not in list"),
        "count" => (args, _) => (long)list.Count(item => PythonSemantics.Equals(item, args[0])),
        _ => null,
    };

    private static JinjaCallable? StringMethod(string s, string name) => name switch
    {
        "startswith" => (args, _) => Affixes(args).Any(p => s.StartsWith(p, StringComparison.Ordinal)),
        "endswith" => (args, _) => Affixes(args).Any(p => s.EndsWith(p, StringComparison.Ordinal)),
        "strip" => (args, _) => Strip(s, args.Count > 0 ? args[0] as string : null, true, true),
        "lstrip" => (args, _) => Strip(s, args.Count > 0 ? args[0] as string : null, true, false),
        "rstrip" => (args, _) => Strip(s, args.Count > 0 ? args[0] as string : null, false, true),
        "split" => (args, kwargs) => Split(s, Pick(args, kwargs, 0, "sep") as string, Pick(args, kwargs, 1, "maxsplit") is object m ? ToLong(m) : -1),
        "rsplit" => (args, kwargs) => RSplit(s, Pick(args, kwargs, 0, "sep") as string, Pick(args, kwargs, 1, "maxsplit") is object m ? ToLong(m) : -1),
        "splitlines" => (_, _) => s.Split('\n').Select(line => (object?)line.TrimEnd('\r')).Take(s.EndsWith('\n') ? s.Split('\n').Length - 1 : int.MaxValue).ToList(),
        "upper" => (_, _) => s.ToUpperInvariant(),
        "lower" => (_, _) => s.ToLowerInvariant(),
        "title" => (_, _) => Title(s),
        "capitalize" => (_, _) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant(),
        "replace" => (args, _) => Replace(s, Str(args[0]), Str(args[1]), args.Count > 2 ? ToLong(args[2]) : -1),
        "find" => (args, _) => (long)s.IndexOf(Str(args[0]), StringComparison.Ordinal),
        "rfind" => (args, _) => (long)s.LastIndexOf(Str(args[0]), StringComparison.Ordinal),
        "count" => (args, _) => CountOccurrences(s, Str(args[0])),
        "join" => (args, _) => string.Join(s, JinjaInterpreter.Iterate(args[0]).Select(Str)),
        "isdigit" => (_, _) => s.Length > 0 && s.All(char.IsDigit),
        "isalpha" => (_, _) => s.Length > 0 && s.All(char.IsLetter),
        "isspace" => (_, _) => s.Length > 0 && s.All(IsSpace),
        "islower" => (_, _) => s.Any(char.IsLetter) && s == s.ToLowerInvariant(),
        "isupper" => (_, _) => s.Any(char.IsLetter) && s == s.ToUpperInvariant(),
        _ => null,
    };

    private static object? Pick(List<object?> args, Dictionary<string, object?> kwargs, int index, string name) =>
        index < args.Count ? args[index] : kwargs.TryGetValue(name, out object? v) ? v : null;

    private static IEnumerable<string> Affixes(List<object?> args) => args.Count == 0
        ? throw new ChatTemplateException("startswith/endswith need an argument")
        : args[0] is List<object?> options ? options.Select(Str) : [Str(args[0])];

    private static long CountOccurrences(string s, string part)
    {
        if (part.Length == 0)
        {
            return JinjaInterpreter.StringElements(s).Count + 1;
        }
        long count = 0;
        for (int i = s.IndexOf(part, StringComparison.Ordinal); i >= 0; i = s.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    /// <summary>Python's <c>str.split(sep=None, maxsplit=-1)</c>.</summary>
    private static List<object?> Split(string s, string? separator, long maxSplit)
    {
        var result = new List<object?>();
        if (separator is null)
        {
            int i = 0;
            while (true)
            {
                while (i < s.Length && IsSpace(s[i]))
                {
                    i++;
                }
                if (i >= s.Length)
                {
                    break;
                }
                if (maxSplit >= 0 && result.Count == maxSplit)
                {
                    result.Add(Strip(s[i..], null, false, true));
                    break;
                }
                int start = i;
                while (i < s.Length && !IsSpace(s[i]))
                {
                    i++;
                }
                result.Add(s[start..i]);
            }
            return result;
        }
        if (separator.Length == 0)
        {
            throw new ChatTemplateException("empty separator");
        }
        int position = 0;
        while (maxSplit < 0 || result.Count < maxSplit)
        {
            int found = s.IndexOf(separator, position, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }
            result.Add(s[position..found]);
            position = found + separator.Length;
        }
        result.Add(s[position..]);
        return result;
    }

    private static List<object?> RSplit(string s, string? separator, long maxSplit)
    {
        if (maxSplit < 0)
        {
            return Split(s, separator, maxSplit);
        }
        if (separator is null)
        {
            List<object?> all = Split(s, null, -1);
            if (all.Count <= maxSplit + 1)
            {
                return all;
            }
            // Keep the last maxSplit words apart and the rest (with its inner spacing) as the first item.
            string trimmed = Strip(s, null, false, true);
            int cut = trimmed.Length;
            for (int k = 0; k < maxSplit; k++)
            {
                while (cut > 0 && !IsSpace(trimmed[cut - 1]))
                {
                    cut--;
                }
                while (cut > 0 && IsSpace(trimmed[cut - 1]))
                {
                    cut--;
                }
            }
            var tail = all.Skip(all.Count - (int)maxSplit).ToList();
            return [Strip(trimmed[..cut], null, true, false), .. tail];
        }
        var parts = new List<object?>();
        int end = s.Length;
        while (parts.Count < maxSplit)
        {
            int found = s.LastIndexOf(separator, end - 1 < 0 ? 0 : end - 1, StringComparison.Ordinal);
            if (found < 0 || found + separator.Length > end)
            {
                break;
            }
            parts.Insert(0, s[(found + separator.Length)..end]);
            end = found;
        }
        parts.Insert(0, s[..end]);
        return parts;
    }
}

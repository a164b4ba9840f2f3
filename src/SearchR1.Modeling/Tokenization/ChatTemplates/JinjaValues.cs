using System.Text.Json.Nodes;

namespace SearchR1.Modeling.Tokenization.ChatTemplates;

// Template values are plain .NET objects with Python's meaning: null (None), bool, long, double, string,
// List<object?> (list), JinjaTuple, JinjaDictionary (dict, insertion-ordered), and the types below.

/// <summary>A Python dict: keys keep insertion order, as json.dumps and iteration show them.</summary>
public sealed class JinjaDictionary : OrderedDictionary<string, object?>
{
    public JinjaDictionary()
        : base(StringComparer.Ordinal)
    {
    }

    /// <summary>JSON (a chat-template input line) as template values: objects keep their key order.</summary>
    public static object? FromJson(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
            {
                var dict = new JinjaDictionary();
                foreach ((string key, JsonNode? value) in obj)
                {
                    dict[key] = FromJson(value);
                }
                return dict;
            }
            case JsonArray array:
                return array.Select(FromJson).ToList();
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case System.Text.Json.JsonValueKind.String:
                        return value.GetValue<string>();
                    case System.Text.Json.JsonValueKind.True:
                        return true;
                    case System.Text.Json.JsonValueKind.False:
                        return false;
                    case System.Text.Json.JsonValueKind.Number:
                        string raw = value.ToJsonString();
                        if (!raw.Contains('.') && !raw.Contains('e') && !raw.Contains('E')
                            && long.TryParse(raw, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long l))
                        {
                            return l;
                        }
                        return double.Parse(raw, System.Globalization.CultureInfo.InvariantCulture);
                    default:
                        return null;
                }
            default:
                return null;
        }
    }
}

/// <summary>A Python tuple (prints with parentheses; otherwise a list).</summary>
internal sealed class JinjaTuple : List<object?>
{
    public JinjaTuple(IEnumerable<object?> items)
        : base(items)
    {
    }
}

/// <summary>Jinja's default Undefined: prints as nothing, is false, iterates as empty; anything else fails.</summary>
internal sealed class JinjaUndefined
{
    public JinjaUndefined(string name)
    {
        Name = name;
    }

    public string Name { get; }
}

/// <summary><c>namespace(…)</c>: the one object whose attributes a template may assign from inside a loop.</summary>
internal sealed class JinjaNamespace
{
    public Dictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);
}

/// <summary>Something a template can call: a global function, a macro, a bound method.</summary>
internal delegate object? JinjaCallable(List<object?> args, Dictionary<string, object?> kwargs);

/// <summary>The <c>loop</c> variable inside a for loop.</summary>
internal sealed class JinjaLoop
{
    private readonly List<object?> _items;

    public JinjaLoop(List<object?> items)
    {
        _items = items;
    }

    public int Index0 { get; set; }

    public object? Get(string name) => name switch
    {
        "index" => (long)Index0 + 1,
        "index0" => (long)Index0,
        "revindex" => (long)(_items.Count - Index0),
        "revindex0" => (long)(_items.Count - Index0 - 1),
        "first" => Index0 == 0,
        "last" => Index0 == _items.Count - 1,
        "length" => (long)_items.Count,
        "depth" => 1L,
        "depth0" => 0L,
        "previtem" => Index0 > 0 ? _items[Index0 - 1] : new JinjaUndefined("loop.previtem"),
        "nextitem" => Index0 < _items.Count - 1 ? _items[Index0 + 1] : new JinjaUndefined("loop.nextitem"),
        "cycle" => new JinjaCallable((args, _) => args.Count == 0 ? null : args[Index0 % args.Count]),
        _ => new JinjaUndefined("loop." + name),
    };
}

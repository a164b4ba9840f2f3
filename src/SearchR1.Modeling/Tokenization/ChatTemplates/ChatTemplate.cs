namespace SearchR1.Modeling.Tokenization.ChatTemplates;

/// <summary>
/// A Hugging Face chat template (Jinja), parsed once and rendered as transformers' <c>apply_chat_template</c>
/// renders it: trim_blocks and lstrip_blocks on, <c>raise_exception</c> and <c>strftime_now</c> available,
/// <c>tojson</c> as <c>json.dumps(ensure_ascii=False)</c>.
/// </summary>
/// <remarks>
/// Our own interpreter of the Jinja subset chat templates use (no Jinja package is in our registry); see
/// docs/TOKENIZERS.md for why an interpreter and not per-family formatters.
/// </remarks>
public sealed class ChatTemplate
{
    private readonly IReadOnlyList<JinjaNode> _nodes;

    private ChatTemplate(string source, IReadOnlyList<JinjaNode> nodes)
    {
        Source = source;
        _nodes = nodes;
    }

    public string Source { get; }

    /// <summary>Parses <paramref name="source"/>; throws <see cref="ChatTemplateException"/> naming the line on a syntax error.</summary>
    public static ChatTemplate Parse(string source) => new(source, JinjaParser.Parse(source));

    /// <summary>
    /// Renders with <paramref name="variables"/> (plain .NET values: null, bool, long, double, string,
    /// List&lt;object?&gt;, <see cref="JinjaDictionary"/>). <paramref name="now"/> feeds <c>strftime_now</c>
    /// (default: the local time, as transformers uses).
    /// </summary>
    public string Render(IReadOnlyDictionary<string, object?> variables, Func<DateTime>? now = null)
    {
        var interpreter = new JinjaInterpreter(JinjaBuiltins.Globals(now ?? (() => DateTime.Now)), Normalize(variables));
        return interpreter.Render(_nodes);
    }

    // Accept the numeric types callers naturally pass (int, float) as the long / double the interpreter uses.
    private static Dictionary<string, object?> Normalize(IReadOnlyDictionary<string, object?> variables)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach ((string key, object? value) in variables)
        {
            result[key] = NormalizeValue(value);
        }
        return result;
    }

    private static object? NormalizeValue(object? value) => value switch
    {
        int i => (long)i,
        float f => (double)f,
        JinjaDictionary d => d,
        string s => s,
        List<object?> list => list.Select(NormalizeValue).ToList(),
        IReadOnlyDictionary<string, object?> map => ToDictionary(map),
        System.Collections.IEnumerable items when value is not string => items.Cast<object?>().Select(NormalizeValue).ToList(),
        _ => value,
    };

    private static JinjaDictionary ToDictionary(IReadOnlyDictionary<string, object?> map)
    {
        var d = new JinjaDictionary();
        foreach ((string k, object? v) in map)
        {
            d[k] = NormalizeValue(v);
        }
        return d;
    }
}

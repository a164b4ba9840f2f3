using System.Globalization;
using System.Text;

namespace SearchR1.Core.Data;

/// <summary>
/// Parses the Python reprs that pandas writes into CSV cells when a column holds objects: strings ('…' or "…"
/// with backslash escapes), lists (numpy prints them without commas), dicts, ints, floats, True/False/None,
/// and <c>array([...], dtype=object)</c> (read as its first argument). Values come back as string, long,
/// double, bool, null, <see cref="List{T}"/> of object? or <see cref="Dictionary{TKey,TValue}"/> of string to object?.
/// </summary>
public sealed class PythonLiteral
{
    private readonly string _text;
    private int _position;

    private PythonLiteral(string text) => _text = text;

    /// <summary>The value of <paramref name="text"/>; <see cref="FormatException"/> says where parsing failed.</summary>
    public static object? Parse(string text)
    {
        var parser = new PythonLiteral(text);
        object? value = parser.Value();
        parser.SkipSpace();
        if (parser._position != text.Length)
        {
            throw parser.Error("end of the value");
        }
        return value;
    }

    private object? Value()
    {
        SkipSpace();
        if (_position >= _text.Length)
        {
            throw Error("a value");
        }
        char c = _text[_position];
        switch (c)
        {
            case '\'' or '"':
                return String();
            case '[':
                return Sequence(']');
            case '(':
                return Sequence(')');
            case '{':
                return Dict();
        }
        if (c is '-' or '+' or '.' || char.IsAsciiDigit(c))
        {
            return Number();
        }
        if (char.IsAsciiLetter(c) || c == '_')
        {
            string name = Identifier();
            switch (name)
            {
                case "True":
                    return true;
                case "False":
                    return false;
                case "None":
                    return null;
            }
            SkipSpace();
            if (_position < _text.Length && _text[_position] == '(')
            {
                // A call such as array([...], dtype=object): the first positional argument is the value.
                _position++;
                object? first = Value();
                Skip(until: ')');
                return first;
            }
            throw Error($"a literal, not the name '{name}'");
        }
        throw Error("a value");
    }

    private List<object?> Sequence(char close)
    {
        _position++;
        var items = new List<object?>();
        while (true)
        {
            SkipSpace();
            if (_position < _text.Length && _text[_position] == close)
            {
                _position++;
                return items;
            }
            items.Add(Value());
            SkipSpace();
            // numpy separates elements by whitespace only; Python by commas.
            if (_position < _text.Length && _text[_position] == ',')
            {
                _position++;
            }
        }
    }

    private Dictionary<string, object?> Dict()
    {
        _position++;
        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpace();
            if (_position < _text.Length && _text[_position] == '}')
            {
                _position++;
                return dict;
            }
            string key = Value() is { } k ? Convert.ToString(k, CultureInfo.InvariantCulture)! : "None";
            SkipSpace();
            Expect(':');
            dict[key] = Value();
            SkipSpace();
            if (_position < _text.Length && _text[_position] == ',')
            {
                _position++;
            }
        }
    }

    private string String()
    {
        char quote = _text[_position++];
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error($"a closing {quote}");
            }
            char c = _text[_position++];
            if (c == quote)
            {
                return builder.ToString();
            }
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            if (_position >= _text.Length)
            {
                throw Error("an escape after '\\'");
            }
            char e = _text[_position++];
            switch (e)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case 'a': builder.Append('\a'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'v': builder.Append('\v'); break;
                case '0': builder.Append('\0'); break;
                case 'x': builder.Append(CodePoint(2)); break;
                case 'u': builder.Append(CodePoint(4)); break;
                case 'U': builder.Append(CodePoint(8)); break;
                case '\n': break;
                default: builder.Append(e); break;   // \\ \' \" and unknown escapes keep the character
            }
        }
    }

    private string CodePoint(int digits)
    {
        if (_position + digits > _text.Length
            || !int.TryParse(_text.AsSpan(_position, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int value))
        {
            throw Error($"{digits} hexadecimal digits");
        }
        _position += digits;
        return value is >= 0xD800 and <= 0xDFFF ? ((char)value).ToString() : char.ConvertFromUtf32(value);
    }

    private object Number()
    {
        int start = _position;
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] is '-' or '+' or '.' or 'e' or 'E' or '_'))
        {
            _position++;
        }
        string token = _text[start.._position].Replace("_", "", StringComparison.Ordinal);
        if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return integer;
        }
        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double real)
            ? real
            : throw Error("a number");
    }

    private string Identifier()
    {
        int start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '_' or '.'))
        {
            _position++;
        }
        return _text[start.._position];
    }

    /// <summary>Skips keyword arguments and the rest of a call up to its closing bracket, strings included.</summary>
    private void Skip(char until)
    {
        int depth = 0;
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (c is '\'' or '"')
            {
                String();
                continue;
            }
            _position++;
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                if (depth == 0 && c == until)
                {
                    return;
                }
                depth--;
            }
        }
        throw Error($"a closing {until}");
    }

    private void Expect(char c)
    {
        if (_position >= _text.Length || _text[_position] != c)
        {
            throw Error($"'{c}'");
        }
        _position++;
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private FormatException Error(string expected) =>
        new($"expected {expected} at character {_position + 1} of the Python literal");
}

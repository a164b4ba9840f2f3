using System.Globalization;
using System.Text;

namespace SearchR1.Modeling.Tokenization.ChatTemplates;

/// <summary>
/// Splits a Jinja template into text and tag tokens, applying whitespace control as transformers configures
/// Jinja: <c>trim_blocks</c> (the first newline after a block or comment tag is dropped) and
/// <c>lstrip_blocks</c> (spaces and tabs from the start of a line to a block or comment tag are dropped), plus
/// <c>{%-</c> / <c>-%}</c> (all whitespace before / after) and <c>{%+</c> (no lstrip).
/// </summary>
internal static class JinjaLexer
{
    private static readonly string[] Operators =
        ["//", "**", "==", "!=", ">=", "<=", "+", "-", "*", "/", "%", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|", "="];

    public static List<JinjaToken> Tokenize(string source)
    {
        // As Jinja's lexer: newlines normalised to "\n", and one trailing newline dropped (keep_trailing_newline
        // is off in transformers' environment).
        source = source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (source.EndsWith('\n'))
        {
            source = source[..^1];
        }
        var tokens = new List<JinjaToken>();
        int pos = 0;
        bool stripNext = false;
        bool trimNewline = false;
        while (pos <= source.Length)
        {
            int tag = FindTag(source, pos);
            int textEnd = tag < 0 ? source.Length : tag;
            string text = source[pos..textEnd];
            if (stripNext)
            {
                text = text.TrimStart();
            }
            else if (trimNewline)
            {
                if (text.StartsWith("\r\n", StringComparison.Ordinal))
                {
                    text = text[2..];
                }
                else if (text.StartsWith('\n'))
                {
                    text = text[1..];
                }
            }
            stripNext = false;
            trimNewline = false;
            if (tag < 0)
            {
                Emit(tokens, text, LineOf(source, pos));
                break;
            }

            char kind = source[tag + 1];
            char modifier = tag + 2 < source.Length ? source[tag + 2] : '\0';
            if (modifier == '-')
            {
                text = text.TrimEnd();
            }
            else if (kind != '{' && modifier != '+' && AtLineStart(source, tag))
            {
                text = text.TrimEnd(' ', '\t');
            }
            Emit(tokens, text, LineOf(source, pos));
            int line = LineOf(source, tag);
            int inner = tag + 2 + (modifier is '-' or '+' ? 1 : 0);

            if (kind == '#')
            {
                int close = source.IndexOf("#}", inner, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw new ChatTemplateException($"Chat template, line {line}: comment is not closed with '#}}'.");
                }
                stripNext = source[close - 1] == '-' && close - 1 >= inner;
                trimNewline = !stripNext;
                pos = close + 2;
                continue;
            }

            bool block = kind == '%';
            tokens.Add(new JinjaToken(block ? JinjaTokenKind.BlockBegin : JinjaTokenKind.VariableBegin, block ? "{%" : "{{", line));
            pos = LexTag(source, inner, block, tokens, out bool stripAfter);
            stripNext = stripAfter;
            trimNewline = block && !stripAfter;

            // {% raw %} … {% endraw %}: the text in between is output as is.
            if (block && tokens.Count >= 3 && tokens[^2].IsName("raw") && tokens[^3].Kind == JinjaTokenKind.BlockBegin)
            {
                tokens.RemoveRange(tokens.Count - 3, 3);
                int end = source.IndexOf("endraw", pos, StringComparison.Ordinal);
                int endTag = end < 0 ? -1 : source.LastIndexOf("{%", end, StringComparison.Ordinal);
                if (endTag < 0)
                {
                    throw new ChatTemplateException($"Chat template, line {line}: raw block is not closed with '{{% endraw %}}'.");
                }
                string raw = source[pos..endTag];
                if (source[endTag + 2] == '-')
                {
                    raw = raw.TrimEnd();
                }
                Emit(tokens, raw, line);
                var closing = new List<JinjaToken>();
                pos = LexTag(source, endTag + 2 + (source[endTag + 2] is '-' or '+' ? 1 : 0), true, closing, out stripAfter);
                stripNext = stripAfter;
                trimNewline = !stripAfter;
            }
        }
        tokens.Add(new JinjaToken(JinjaTokenKind.End, "", LineOf(source, source.Length)));
        return tokens;
    }

    private static void Emit(List<JinjaToken> tokens, string text, int line)
    {
        if (text.Length > 0)
        {
            tokens.Add(new JinjaToken(JinjaTokenKind.Text, text, line));
        }
    }

    private static int FindTag(string source, int from)
    {
        int i = from;
        while (true)
        {
            i = source.IndexOf('{', i);
            if (i < 0 || i + 1 >= source.Length)
            {
                return -1;
            }
            char next = source[i + 1];
            if (next is '{' or '%' or '#')
            {
                return i;
            }
            i++;
        }
    }

    private static bool AtLineStart(string source, int tag)
    {
        int k = tag - 1;
        while (k >= 0 && (source[k] == ' ' || source[k] == '\t'))
        {
            k--;
        }
        return k < 0 || source[k] == '\n';
    }

    private static int LineOf(string source, int position)
    {
        int line = 1;
        int end = Math.Min(position, source.Length);
        for (int i = 0; i < end; i++)
        {
            if (source[i] == '\n')
            {
                line++;
            }
        }
        return line;
    }

    /// <summary>Lexes the inside of a tag; returns the position after its closing delimiter.</summary>
    private static int LexTag(string source, int pos, bool block, List<JinjaToken> tokens, out bool stripAfter)
    {
        string close = block ? "%}" : "}}";
        int line = LineOf(source, pos);
        int depth = 0; // brackets opened inside the tag, so that "}}" closing a dict literal is not the tag end
        while (true)
        {
            while (pos < source.Length && char.IsWhiteSpace(source[pos]))
            {
                if (source[pos] == '\n')
                {
                    line++;
                }
                pos++;
            }
            if (pos >= source.Length)
            {
                throw new ChatTemplateException($"Chat template, line {line}: tag is not closed with '{close}'.");
            }
            if (depth == 0)
            {
                if (string.CompareOrdinal(source, pos, "-" + close, 0, 3) == 0 || string.CompareOrdinal(source, pos, "+" + close, 0, 3) == 0)
                {
                    stripAfter = source[pos] == '-';
                    tokens.Add(new JinjaToken(block ? JinjaTokenKind.BlockEnd : JinjaTokenKind.VariableEnd, close, line));
                    return pos + 3;
                }
                if (string.CompareOrdinal(source, pos, close, 0, 2) == 0)
                {
                    stripAfter = false;
                    tokens.Add(new JinjaToken(block ? JinjaTokenKind.BlockEnd : JinjaTokenKind.VariableEnd, close, line));
                    return pos + 2;
                }
            }
            char c = source[pos];
            if (char.IsLetter(c) || c == '_')
            {
                int start = pos;
                while (pos < source.Length && (char.IsLetterOrDigit(source[pos]) || source[pos] == '_'))
                {
                    pos++;
                }
                tokens.Add(new JinjaToken(JinjaTokenKind.Name, source[start..pos], line));
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                int start = pos;
                while (pos < source.Length && (char.IsAsciiDigit(source[pos]) || source[pos] == '_'))
                {
                    pos++;
                }
                bool isFloat = false;
                if (pos + 1 < source.Length && source[pos] == '.' && char.IsAsciiDigit(source[pos + 1]))
                {
                    isFloat = true;
                    pos++;
                    while (pos < source.Length && (char.IsAsciiDigit(source[pos]) || source[pos] == '_'))
                    {
                        pos++;
                    }
                }
                if (pos < source.Length && (source[pos] == 'e' || source[pos] == 'E'))
                {
                    int save = pos;
                    pos++;
                    if (pos < source.Length && (source[pos] == '+' || source[pos] == '-'))
                    {
                        pos++;
                    }
                    if (pos < source.Length && char.IsAsciiDigit(source[pos]))
                    {
                        isFloat = true;
                        while (pos < source.Length && char.IsAsciiDigit(source[pos]))
                        {
                            pos++;
                        }
                    }
                    else
                    {
                        pos = save;
                    }
                }
                string number = source[start..pos].Replace("_", "", StringComparison.Ordinal);
                tokens.Add(new JinjaToken(isFloat ? JinjaTokenKind.Float : JinjaTokenKind.Integer, number, line));
                continue;
            }
            if (c is '\'' or '"')
            {
                pos = LexString(source, pos, line, out string value);
                tokens.Add(new JinjaToken(JinjaTokenKind.String, value, line));
                continue;
            }
            string? op = null;
            foreach (string candidate in Operators)
            {
                if (string.CompareOrdinal(source, pos, candidate, 0, candidate.Length) == 0)
                {
                    op = candidate;
                    break;
                }
            }
            if (op is null)
            {
                throw new ChatTemplateException($"Chat template, line {line}: unexpected character '{c}'.");
            }
            depth += op is "(" or "[" or "{" ? 1 : op is ")" or "]" or "}" ? -1 : 0;
            depth = Math.Max(depth, 0);
            tokens.Add(new JinjaToken(JinjaTokenKind.Operator, op, line));
            pos += op.Length;
        }
    }

    /// <summary>A quoted string with Python's backslash escapes (Jinja decodes literals with unicode-escape).</summary>
    private static int LexString(string source, int pos, int line, out string value)
    {
        char quote = source[pos++];
        var sb = new StringBuilder();
        while (true)
        {
            if (pos >= source.Length)
            {
                throw new ChatTemplateException($"Chat template, line {line}: string literal is not closed.");
            }
            char c = source[pos++];
            if (c == quote)
            {
                break;
            }
            if (c != '\\' || pos >= source.Length)
            {
                sb.Append(c);
                continue;
            }
            char e = source[pos++];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case '\\': sb.Append('\\'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case '0': sb.Append('\0'); break;
                case '\n': break;
                case 'x':
                case 'u':
                case 'U':
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (pos + digits > source.Length || !int.TryParse(source.AsSpan(pos, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                    {
                        throw new ChatTemplateException($"Chat template, line {line}: bad \\{e} escape in a string literal.");
                    }
                    sb.Append(char.ConvertFromUtf32(code));
                    pos += digits;
                    break;
                default:
                    // Python keeps unknown escapes as written.
                    sb.Append('\\').Append(e);
                    break;
            }
        }
        value = sb.ToString();
        return pos;
    }
}

using System.Text;

namespace SearchR1.Core.Data;

/// <summary>RFC 4180 records (quoted fields may hold commas, doubled quotes and newlines), each with the line it starts on.</summary>
internal static class CsvRecords
{
    public static IEnumerable<(int Line, List<string> Fields)> Read(TextReader reader)
    {
        int line = 1;
        while (reader.Peek() >= 0)
        {
            int startLine = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            bool quoted = false;
            bool endOfRecord = false;
            while (!endOfRecord)
            {
                int next = reader.Read();
                if (next < 0)
                {
                    if (quoted)
                    {
                        throw new FormatException($"line {startLine}: a quoted field is not closed before the end of the file");
                    }
                    break;
                }
                char c = (char)next;
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (reader.Peek() == '"')
                        {
                            reader.Read();
                            field.Append('"');
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }
                        field.Append(c);
                    }
                    continue;
                }
                switch (c)
                {
                    case '"':
                        quoted = true;
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        break;
                    case '\r':
                        break;
                    case '\n':
                        line++;
                        endOfRecord = true;
                        break;
                    default:
                        field.Append(c);
                        break;
                }
            }
            fields.Add(field.ToString());
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;   // blank line
            }
            yield return (startLine, fields);
        }
    }
}

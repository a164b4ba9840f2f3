using System.Text.Encodings.Web;
using System.Text.Json;

namespace SearchR1.Cli.Commands;

/// <summary>How the tokenizer verbs write JSON lines: compact, non-ASCII kept readable.</summary>
internal static class JsonLines
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>Opens <paramref name="output"/> for writing through a temporary file, or standard output when null.</summary>
    public static (TextWriter Writer, Action Commit) OpenOutput(string? output)
    {
        if (output is null)
        {
            return (Console.Out, () => Console.Out.Flush());
        }
        string temp = output + ".tmp";
        var writer = new StreamWriter(temp, append: false, new System.Text.UTF8Encoding(false));
        return (writer, () =>
        {
            writer.Dispose();
            File.Move(temp, output, overwrite: true);
        });
    }

    /// <summary>
    /// Runs a tokenizer verb: bad input (files, lines, fields, templates) ends with one message on standard error
    /// and exit code 1 instead of a stack trace; a partly written output file is removed.
    /// </summary>
    public static int Guarded(string verb, string? output, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException
                                   or NotSupportedException or SearchR1.Modeling.Tokenization.ChatTemplates.ChatTemplateException
                                   or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"{verb}: {e.Message}");
            if (output is not null && File.Exists(output + ".tmp"))
            {
                File.Delete(output + ".tmp");
            }
            return 1;
        }
    }
}

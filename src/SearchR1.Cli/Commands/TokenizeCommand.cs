using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using SearchR1.Modeling.Tokenization;

namespace SearchR1.Cli.Commands;

/// <summary>`searchr1 tokenize`: text → ids with a Hugging Face tokenizer folder, as transformers' encode(add_special_tokens=False).</summary>
internal static class TokenizeCommand
{
    public static Command Create()
    {
        var tokenizerOption = new Option<string>("--tokenizer")
        {
            Description = "Tokenizer folder (tokenizer.json, or vocab.json + merges.txt, or a tiktoken tokenizer.model; with tokenizer_config.json).",
            Required = true,
        };
        var inputOption = new Option<string?>("--input", "-i")
        {
            Description = "JSON lines file, one {\"text\": …} per line; each output line is {\"text\", \"ids\"}.",
        };
        var outputOption = new Option<string?>("--output", "-o")
        {
            Description = "Write the JSON lines here instead of standard output.",
        };
        var textArgument = new Argument<string?>("text")
        {
            Description = "Text to tokenize (instead of --input).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command(
            "tokenize",
            "Tokenize text exactly as transformers does (add_special_tokens=False: special tokens written in the text become their ids).\n" +
            "Example: searchr1 tokenize --tokenizer models/Qwen2.5-3B \"<|im_start|>user\\nHello<|im_end|>\"\n" +
            "Example: searchr1 tokenize --tokenizer models/Llama-3.2-3B --input texts.jsonl --output ids.jsonl");
        command.Options.Add(tokenizerOption);
        command.Options.Add(inputOption);
        command.Options.Add(outputOption);
        command.Arguments.Add(textArgument);
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(JsonLines.Guarded("tokenize", parseResult.GetValue(outputOption), () =>
        {
                string folder = parseResult.GetValue(tokenizerOption)!;
                string? input = parseResult.GetValue(inputOption);
                string? text = parseResult.GetValue(textArgument);
                if ((input is null) == (text is null))
                {
                    Console.Error.WriteLine("tokenize: give either TEXT or --input FILE.jsonl (one of them).");
                    return 2;
                }
                HfTokenizer tokenizer = HfTokenizer.Load(folder);
                (TextWriter writer, Action commit) = JsonLines.OpenOutput(parseResult.GetValue(outputOption));
                if (text is not null)
                {
                    WriteLine(writer, text, tokenizer.Encode(text));
                }
                else
                {
                    int lineNumber = 0;
                    foreach (string line in File.ReadLines(input!))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        lineNumber++;
                        if (string.IsNullOrWhiteSpace(line))
                        {
                            continue;
                        }
                        string lineText = ReadText(line, input!, lineNumber);
                        WriteLine(writer, lineText, tokenizer.Encode(lineText));
                    }
                }
                commit();
                return 0;
        })));
        return command;
    }

    private static string ReadText(string line, string path, int lineNumber)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}, line {lineNumber}: not valid JSON ({e.Message}).", e);
        }
        if (node is not JsonObject obj || obj["text"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw new InvalidDataException($"{path}, line {lineNumber}: field \"text\" is missing or not a string; expected {{\"text\": \"…\"}}.");
        }
        return value.GetValue<string>();
    }

    private static void WriteLine(TextWriter writer, string text, int[] ids)
    {
        var obj = new JsonObject { ["text"] = text, ["ids"] = new JsonArray(ids.Select(id => (JsonNode)id).ToArray()) };
        writer.WriteLine(obj.ToJsonString(JsonLines.Options));
    }
}

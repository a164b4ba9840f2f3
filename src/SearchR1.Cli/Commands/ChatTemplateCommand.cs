using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using SearchR1.Modeling.Tokenization;
using SearchR1.Modeling.Tokenization.ChatTemplates;

namespace SearchR1.Cli.Commands;

/// <summary>`searchr1 chat-template`: render conversations with a folder's chat template, as transformers' apply_chat_template.</summary>
internal static class ChatTemplateCommand
{
    public static Command Create()
    {
        var tokenizerOption = new Option<string>("--tokenizer")
        {
            Description = "Tokenizer folder with a chat template (chat_template.jinja, or chat_template in tokenizer_config.json).",
            Required = true,
        };
        var inputOption = new Option<string>("--input", "-i")
        {
            Description = "JSON lines: {\"messages\": [{\"role\", \"content\"}…], \"add_generation_prompt\": bool, \"date_string\"?: str, \"tools\"?: […]}.",
            Required = true,
        };
        var outputOption = new Option<string?>("--output", "-o")
        {
            Description = "Write the JSON lines here instead of standard output.",
        };
        var command = new Command(
            "chat-template",
            "Render each conversation with the folder's chat template exactly as transformers' apply_chat_template(tokenize=False),\n" +
            "and tokenize the result; each output line is the input line plus \"text\" and \"ids\".\n" +
            "Example: searchr1 chat-template --tokenizer models/Qwen2.5-3B-Instruct --input chats.jsonl --output rendered.jsonl");
        command.Options.Add(tokenizerOption);
        command.Options.Add(inputOption);
        command.Options.Add(outputOption);
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(JsonLines.Guarded("chat-template", parseResult.GetValue(outputOption), () =>
        {
                HfTokenizer tokenizer = HfTokenizer.Load(parseResult.GetValue(tokenizerOption)!);
                string input = parseResult.GetValue(inputOption)!;
                if (!tokenizer.HasChatTemplate)
                {
                    Console.Error.WriteLine($"chat-template: the tokenizer in '{tokenizer.SourceFolder}' has no chat template.");
                    return 2;
                }
                (TextWriter writer, Action commit) = JsonLines.OpenOutput(parseResult.GetValue(outputOption));
                int lineNumber = 0;
                foreach (string line in File.ReadLines(input))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    lineNumber++;
                    if (string.IsNullOrWhiteSpace(line))
                    {
                        continue;
                    }
                    JsonObject row = Render(tokenizer, line, input, lineNumber);
                    writer.WriteLine(row.ToJsonString(JsonLines.Options));
                }
                commit();
                return 0;
        })));
        return command;
    }

    private static JsonObject Render(HfTokenizer tokenizer, string line, string path, int lineNumber)
    {
        string where = $"{path}, line {lineNumber}";
        JsonObject row;
        try
        {
            row = JsonNode.Parse(line) as JsonObject ?? throw new InvalidDataException($"{where}: expected a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: not valid JSON ({e.Message}).", e);
        }
        if (row["messages"] is not JsonArray messages)
        {
            throw new InvalidDataException($"{where}: field \"messages\" is missing or not a list; expected [{{\"role\": …, \"content\": …}}, …].");
        }
        for (int i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message || message["role"] is not JsonValue)
            {
                throw new InvalidDataException($"{where}: messages[{i}] needs a \"role\" (and usually \"content\").");
            }
        }
        bool addGenerationPrompt = row["add_generation_prompt"] switch
        {
            null => false,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            _ => throw new InvalidDataException($"{where}: field \"add_generation_prompt\" must be true or false."),
        };
        var extra = new Dictionary<string, object?>();
        if (row["date_string"] is JsonNode date)
        {
            extra["date_string"] = date is JsonValue dv && dv.GetValueKind() == JsonValueKind.String
                ? dv.GetValue<string>()
                : throw new InvalidDataException($"{where}: field \"date_string\" must be a string such as \"26 Jul 2024\".");
        }
        if (row["tools"] is JsonNode tools)
        {
            extra["tools"] = JinjaDictionary.FromJson(tools);
        }
        var messageValues = messages.Select(JinjaDictionary.FromJson).ToList();
        string text;
        try
        {
            text = tokenizer.RenderChatTemplate(messageValues, addGenerationPrompt, extra);
        }
        catch (ChatTemplateException e)
        {
            throw new InvalidDataException($"{where}: the chat template failed: {e.Message}", e);
        }
        row["text"] = text;
        row["ids"] = new JsonArray(tokenizer.Encode(text).Select(id => (JsonNode)id).ToArray());
        return row;
    }
}

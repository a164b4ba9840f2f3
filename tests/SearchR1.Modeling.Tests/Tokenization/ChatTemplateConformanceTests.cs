using System.Text.Json.Nodes;
using SearchR1.Modeling.Tokenization;
using SearchR1.TestSupport;

namespace SearchR1.Modeling.Tests.Tokenization;

/// <summary>transformers' apply_chat_template renderings (text and ids) of the real Qwen2.5 and Llama-3.2 templates.</summary>
[Conformance]
public sealed class ChatTemplateConformanceTests
{
    public static TheoryData<string> Forms() => new(SharedTokenizers.Forms);

    [ConformanceTheory]
    [MemberData(nameof(Forms))]
    public void Every_reference_conversation_renders_to_the_transformers_text_and_ids(string form)
    {
        HfTokenizer tokenizer = SharedTokenizers.Get(form);
        string family = SharedTokenizers.Family(form);
        var failures = new List<string>();
        int rows = 0;
        foreach (string line in HfTokenizerConformanceTests.ReferenceLines("chat-reference-*.jsonl"))
        {
            JsonNode row = JsonNode.Parse(line)!;
            if (row["tokenizer"]!.GetValue<string>() != family)
            {
                continue;
            }
            rows++;
            JsonArray messageArray = row["messages"]!.AsArray();
            bool addGenerationPrompt = row["add_generation_prompt"]?.GetValue<bool>() ?? false;
            string? dateString = row["date_string"]?.GetValue<string>();
            string text;
            if (messageArray.All(m => m is JsonObject { Count: 2 } o && o["role"] is JsonValue && o["content"] is JsonValue c && c.GetValueKind() == System.Text.Json.JsonValueKind.String))
            {
                var messages = messageArray.Select(m => new ChatMessage(m!["role"]!.GetValue<string>(), m["content"]!.GetValue<string>())).ToList();
                text = tokenizer.ApplyChatTemplate(messages, addGenerationPrompt, dateString);
            }
            else
            {
                // Messages with more than role and content (tool calls, null content): the general form.
                var extra = new Dictionary<string, object?>();
                if (dateString is not null)
                {
                    extra["date_string"] = dateString;
                }
                if (row["tools"] is JsonNode tools)
                {
                    extra["tools"] = SearchR1.Modeling.Tokenization.ChatTemplates.JinjaDictionary.FromJson(tools);
                }
                text = tokenizer.RenderChatTemplate(messageArray.Select(SearchR1.Modeling.Tokenization.ChatTemplates.JinjaDictionary.FromJson).ToList(), addGenerationPrompt, extra);
            }
            string expectedText = row["text"]!.GetValue<string>();
            int[] expectedIds = row["ids"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
            if (text != expectedText)
            {
                failures.Add($"row {rows}: text differs\nexpected {System.Text.Json.JsonSerializer.Serialize(expectedText)}\ngot      {System.Text.Json.JsonSerializer.Serialize(text)}");
            }
            else if (!tokenizer.Encode(text).SequenceEqual(expectedIds))
            {
                failures.Add($"row {rows}: ids differ");
            }
        }
        Assert.True(rows >= 25, $"only {rows} reference conversations found");
        Assert.True(failures.Count == 0, $"{failures.Count}/{rows} rows differ:\n" + string.Join("\n", failures.Take(5)));
    }

    [ConformanceFact]
    public void Both_template_files_of_a_folder_render_alike()
    {
        // Qwen2's folder has the template twice: inside tokenizer_config.json (4.x) and as chat_template.jinja (5.x).
        string folder = SharedTokenizers.Folder("qwen2");
        string fromConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "tokenizer_config.json")))!["chat_template"]!.GetValue<string>();
        string fromFile = File.ReadAllText(Path.Combine(folder, "chat_template.jinja"));
        var messages = new List<object?>
        {
            new SearchR1.Modeling.Tokenization.ChatTemplates.JinjaDictionary { ["role"] = "user", ["content"] = "Hi" },
        };
        var variables = new Dictionary<string, object?> { ["messages"] = messages, ["add_generation_prompt"] = true };
        Assert.Equal(
            SearchR1.Modeling.Tokenization.ChatTemplates.ChatTemplate.Parse(fromConfig).Render(variables),
            SearchR1.Modeling.Tokenization.ChatTemplates.ChatTemplate.Parse(fromFile).Render(variables));
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SearchR1.Evaluation.Policies;

namespace SearchR1.Server.Policy;

/// <summary>
/// The OpenAI-compatible routes over a local model: <c>GET /v1/models</c>, <c>POST /v1/completions</c>,
/// <c>POST /v1/chat/completions</c>, <c>GET /health</c>. Answers carry vLLM's <c>stop_reason</c> (the stop
/// string that fired, null for end of sequence), so clients can tell the two apart.
/// </summary>
internal static class PolicyEndpoints
{
    /// <summary>Chat requests without a limit get this many tokens at most.</summary>
    public const int DefaultChatMaxTokens = 1024;

    public static void Map(IEndpointRouteBuilder routes, ITextContinuer continuer, RequestBatcher batcher)
    {
        routes.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        routes.MapGet("/v1/models", () => Results.Json(new
        {
            @object = "list",
            data = new[] { new { id = continuer.ModelId, @object = "model", created = 0, owned_by = "searchr1" } },
        }));
        routes.MapPost("/v1/completions", (Delegate)((HttpContext http) => HandleAsync(http, continuer, batcher, chat: false)));
        routes.MapPost("/v1/chat/completions", (Delegate)((HttpContext http) => HandleAsync(http, continuer, batcher, chat: true)));
    }

    private static async Task<IResult> HandleAsync(HttpContext http, ITextContinuer continuer, RequestBatcher batcher, bool chat)
    {
        try
        {
            JsonNode? node;
            try
            {
                node = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new OpenAiRequestError($"The request body is not valid JSON: {e.Message}");
            }
            var request = OpenAiRequest.Parse(node, chat ? DefaultChatMaxTokens : OpenAiRequest.DefaultMaxTokens);
            IReadOnlyList<string> texts = chat ? [ChatText(request.Body, continuer)] : Prompts(request.Body);
            var completions = await Task.WhenAll(texts.Select(t => batcher.EnqueueAsync(t, request.Settings, http.RequestAborted)))
                .ConfigureAwait(false);
            int promptTokens = texts.Sum(continuer.CountTokens);
            int completionTokens = completions.Sum(c => c.TokenCount);
            var choices = completions.Select((c, i) => Choice(c, i, request, chat)).ToArray();
            return Results.Json(new Dictionary<string, object?>
            {
                ["id"] = (chat ? "chatcmpl-" : "cmpl-") + Guid.NewGuid().ToString("N"),
                ["object"] = chat ? "chat.completion" : "text_completion",
                ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["model"] = request.Model ?? continuer.ModelId,
                ["choices"] = choices,
                ["usage"] = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
            });
        }
        catch (OpenAiRequestError e)
        {
            return Results.Json(new { error = new { message = e.Message, type = "invalid_request_error", param = e.Param, code = (string?)null } },
                statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static Dictionary<string, object?> Choice(PolicyCompletion completion, int index, OpenAiRequest request, bool chat)
    {
        string text = completion.Text;
        string? stopReason = null;
        if (completion.Finish == CompletionFinish.StopString)
        {
            stopReason = request.Settings.StopStrings.FirstOrDefault(s => text.EndsWith(s, StringComparison.Ordinal));
            if (stopReason is not null && !request.IncludeStopString)
            {
                text = text[..^stopReason.Length];
            }
        }
        var choice = new Dictionary<string, object?>
        {
            ["index"] = index,
            ["finish_reason"] = completion.Finish == CompletionFinish.Length ? "length" : "stop",
            ["stop_reason"] = stopReason,
            ["logprobs"] = null,
        };
        if (chat)
        {
            choice["message"] = new { role = "assistant", content = text };
        }
        else
        {
            choice["text"] = text;
        }
        return choice;
    }

    private static IReadOnlyList<string> Prompts(JsonObject body) => body["prompt"] switch
    {
        JsonValue v when v.TryGetValue(out string? one) => [one],
        JsonArray many when many.Count > 0 && many.All(p => p is JsonValue pv && pv.TryGetValue(out string? _)) =>
            many.Select(p => p!.GetValue<string>()).ToList(),
        null => throw new OpenAiRequestError("prompt is required.", "prompt"),
        _ => throw new OpenAiRequestError("prompt must be a string or a non-empty list of strings (token ids are not accepted).", "prompt"),
    };

    private static string ChatText(JsonObject body, ITextContinuer continuer)
    {
        if (body["messages"] is not JsonArray array || array.Count == 0)
        {
            throw new OpenAiRequestError("messages must be a non-empty list.", "messages");
        }
        var messages = new List<ChatTurn>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject message || message["role"] is not JsonValue roleValue || !roleValue.TryGetValue(out string? role))
            {
                throw new OpenAiRequestError($"messages[{i}] needs a string role.", "messages");
            }
            messages.Add(new ChatTurn(role, Content(message["content"], i)));
        }
        bool continueFinal = OpenAiRequest.Bool(body, "continue_final_message") ?? false;
        bool addGenerationPrompt = OpenAiRequest.Bool(body, "add_generation_prompt") ?? true;
        if (!continueFinal)
        {
            return continuer.RenderChat(messages, addGenerationPrompt);
        }
        if (messages[^1].Role != "assistant")
        {
            throw new OpenAiRequestError("continue_final_message needs an assistant message last.", "messages");
        }
        // The assistant's partial turn continues right after the generation prompt, as vLLM renders it.
        return continuer.RenderChat(messages.Take(messages.Count - 1).ToList(), addGenerationPrompt: true) + messages[^1].Content;
    }

    private static string Content(JsonNode? content, int index) => content switch
    {
        null => "",
        JsonValue v when v.TryGetValue(out string? text) => text,
        JsonArray parts => string.Concat(parts.Select(p =>
            p is JsonObject part && part["type"]?.GetValue<string>() == "text" && part["text"] is JsonValue t && t.TryGetValue(out string? s)
                ? s
                : throw new OpenAiRequestError($"messages[{index}].content: only text parts are supported.", "messages"))),
        _ => throw new OpenAiRequestError($"messages[{index}].content must be a string or a list of text parts.", "messages"),
    };
}

using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Chat;

namespace SearchR1.Evaluation.Policies;

/// <summary>
/// A policy served elsewhere behind an OpenAI-compatible API (vLLM, SGLang, llama.cpp, <c>searchr1 serve policy</c>),
/// called through the official OpenAI .NET package. One request per conversation, several in flight.
/// </summary>
/// <remarks>
/// The requests go through the package's protocol methods with our own JSON body, because the fields the
/// multi-turn protocol relies on are server extensions the typed models do not carry: <c>include_stop_str_in_output</c>
/// (keep <c>&lt;/search&gt;</c> in the text), <c>continue_final_message</c> (continue the assistant's partial turn
/// on the chat route) and vLLM's <c>stop_reason</c> in the answer. Servers that ignore them still work: see
/// <see cref="StopStringRecovery"/>.
/// </remarks>
public sealed class OpenAiTextPolicy : ITextPolicy
{
    private readonly OpenAiEndpointOptions _options;
    private readonly Func<string, string> _renderUserTurn;
    private readonly OpenAIClientOptions _clientOptions;
    private readonly ApiKeyCredential _credential;
    private string? _model;

    /// <param name="options">Where the server is and which route to call.</param>
    /// <param name="renderUserTurn">
    /// Completions route only: turns the user message into the raw prompt (the model's chat template, SPEC §1.1);
    /// identity by default, right for models without a chat template.
    /// </param>
    public OpenAiTextPolicy(OpenAiEndpointOptions options, Func<string, string>? renderUserTurn = null)
    {
        _options = options;
        _renderUserTurn = renderUserTurn ?? (text => text);
        _clientOptions = new OpenAIClientOptions { Endpoint = options.BaseV1, NetworkTimeout = TimeSpan.FromMinutes(10) };
        _credential = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey);
        _model = options.Model;
    }

    public string Description => $"{_options.BaseV1} ({(_options.Api == OpenAiApi.Chat ? "chat" : "completions")}, model {_model ?? "first served"})";

    public async Task<IReadOnlyList<PolicyCompletion>> CompleteAsync(
        IReadOnlyList<PolicyInput> inputs, SamplingSettings settings, CancellationToken cancellationToken)
    {
        string model = await ResolveModelAsync(cancellationToken).ConfigureAwait(false);
        var results = new PolicyCompletion[inputs.Count];
        using var gate = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrency));
        var tasks = new List<Task>(inputs.Count);
        for (int i = 0; i < inputs.Count; i++)
        {
            int index = i;
            tasks.Add(Task.Run(async () =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    results[index] = await CompleteOneAsync(model, inputs[index], settings, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }, cancellationToken));
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return results;
    }

    private async Task<string> ResolveModelAsync(CancellationToken cancellationToken)
    {
        if (_model is not null)
        {
            return _model;
        }
        var models = new OpenAIClient(_credential, _clientOptions).GetOpenAIModelClient();
        var list = await models.GetModelsAsync(cancellationToken).ConfigureAwait(false);
        _model = list.Value.FirstOrDefault()?.Id
            ?? throw new InvalidOperationException($"{_options.BaseV1}/models lists no model; pass the model name explicitly.");
        return _model;
    }

    private async Task<PolicyCompletion> CompleteOneAsync(
        string model, PolicyInput input, SamplingSettings settings, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["max_tokens"] = settings.MaxTokens,
            ["temperature"] = settings.Temperature,
            ["n"] = 1,
            ["stop"] = new JsonArray(settings.StopStrings.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["include_stop_str_in_output"] = true,
            ["skip_special_tokens"] = true,
        };
        if (settings.Seed is long seed && settings.Temperature > 0)
        {
            body["seed"] = seed;
        }
        var requestOptions = new RequestOptions { CancellationToken = cancellationToken };
        ClientResult result;
        if (_options.Api == OpenAiApi.Chat)
        {
            var messages = new JsonArray { new JsonObject { ["role"] = "user", ["content"] = input.UserMessage } };
            if (input.AssistantPrefix.Length > 0)
            {
                messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = input.AssistantPrefix });
                body["continue_final_message"] = true;
                body["add_generation_prompt"] = false;
            }
            body["messages"] = messages;
            var client = new ChatClient(model, _credential, _clientOptions);
            result = await client.CompleteChatAsync(BinaryContent.Create(BinaryData.FromString(body.ToJsonString())), requestOptions)
                .ConfigureAwait(false);
        }
        else
        {
            body["prompt"] = _renderUserTurn(input.UserMessage) + input.AssistantPrefix;
            result = await PostCompletionsAsync(body.ToJsonString(), requestOptions).ConfigureAwait(false);
        }
        return ParseResponse(result.GetRawResponse().Content.ToString(), settings.StopStrings);
    }

    // The package keeps its legacy completions client internal; its pipeline (authentication, retries, timeouts)
    // is public, so the request goes through it by hand.
    private async Task<ClientResult> PostCompletionsAsync(string json, RequestOptions requestOptions)
    {
        ClientPipeline pipeline = new OpenAIClient(_credential, _clientOptions).Pipeline;
        using PipelineMessage message = pipeline.CreateMessage();
        message.ResponseClassifier = PipelineMessageClassifier.Create(stackalloc ushort[] { 200 });
        PipelineRequest request = message.Request;
        request.Method = "POST";
        request.Uri = new Uri(_options.BaseV1 + "/completions");
        request.Headers.Set("Content-Type", "application/json");
        request.Headers.Set("Accept", "application/json");
        request.Content = BinaryContent.Create(BinaryData.FromString(json));
        message.Apply(requestOptions);
        await pipeline.SendAsync(message).ConfigureAwait(false);
        PipelineResponse response = message.Response!;
        if (response.IsError)
        {
            throw new ClientResultException(response);
        }
        return ClientResult.FromResponse(message.ExtractResponse() ?? response);
    }

    private PolicyCompletion ParseResponse(string json, IReadOnlyList<string> stops)
    {
        using var document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        if (!root.TryGetProperty("choices", out JsonElement choices) || choices.GetArrayLength() == 0)
        {
            throw new InvalidDataException($"{_options.BaseV1}: the response has no choices: {Truncate(json)}");
        }
        JsonElement choice = choices[0];
        string text = _options.Api == OpenAiApi.Chat
            ? (choice.TryGetProperty("message", out JsonElement message) && message.TryGetProperty("content", out JsonElement content)
                && content.ValueKind == JsonValueKind.String ? content.GetString()! : "")
            : (choice.TryGetProperty("text", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "");
        string? finish = choice.TryGetProperty("finish_reason", out JsonElement f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        bool stopReasonKnown = choice.TryGetProperty("stop_reason", out JsonElement s);
        string? stopReason = stopReasonKnown && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        int tokens = root.TryGetProperty("usage", out JsonElement usage) && usage.TryGetProperty("completion_tokens", out JsonElement c)
            && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 0;
        var (recovered, why) = StopStringRecovery.Recover(text, finish, stopReasonKnown, stopReason, stops);
        return new PolicyCompletion(recovered, tokens, why);
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

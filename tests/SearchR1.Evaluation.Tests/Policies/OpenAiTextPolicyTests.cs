using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SearchR1.Evaluation.Policies;
using SearchR1.Evaluation.Tests.Support;

namespace SearchR1.Evaluation.Tests.Policies;

/// <summary>
/// The OpenAI backend against our own policy server (a tiny real model on 127.0.0.1): stop strings, greedy
/// determinism, chat continuation, and the server's answers as plain HTTP.
/// </summary>
public sealed class OpenAiTextPolicyTests(ServedTinyPolicy served) : IClassFixture<ServedTinyPolicy>
{
    private const string Question = "Answer the given question. Question: What is the capital of France?\n";

    private OpenAiTextPolicy Policy(OpenAiApi api) =>
        new(new OpenAiEndpointOptions(served.Endpoint, Api: api),
            user => served.Local.Continuer().RenderChat([new ChatTurn("user", user)], addGenerationPrompt: true));

    private static SamplingSettings Greedy(int maxTokens, params string[] stops) => new(maxTokens, 0f, stops);

    [Fact]
    public async Task Greedy_completions_are_deterministic_and_stop_right_after_the_first_stop_string()
    {
        var policy = Policy(OpenAiApi.Completions);
        var input = new PolicyInput(Question);
        PolicyCompletion free = (await policy.CompleteAsync([input, input], Greedy(24), default))[0];
        PolicyCompletion again = (await policy.CompleteAsync([input], Greedy(24), default))[0];
        Assert.Equal(free.Text, again.Text);
        Assert.Equal(CompletionFinish.Length, free.Finish);
        Assert.Equal(24, free.TokenCount);

        // A piece of what the model writes anyway, used as a stop string: generation must end right after it.
        string stop = PrintablePiece(free.Text, 2);
        PolicyCompletion stopped = (await policy.CompleteAsync([input], Greedy(24, stop), default))[0];
        Assert.Equal(CompletionFinish.StopString, stopped.Finish);
        Assert.EndsWith(stop, stopped.Text);
        Assert.Equal(free.Text[..(free.Text.IndexOf(stop, StringComparison.Ordinal) + stop.Length)], stopped.Text);
        Assert.True(stopped.TokenCount < 24);
    }

    [Fact]
    public async Task The_chat_route_continuing_an_assistant_turn_writes_what_the_completions_route_writes()
    {
        var input = new PolicyInput(Question, "<think> It is");
        PolicyCompletion viaChat = (await Policy(OpenAiApi.Chat).CompleteAsync([input], Greedy(10), default))[0];
        PolicyCompletion viaCompletions = (await Policy(OpenAiApi.Completions).CompleteAsync([input], Greedy(10), default))[0];
        Assert.Equal(viaCompletions.Text, viaChat.Text);
        Assert.Equal(10, viaChat.TokenCount);
    }

    [Fact]
    public async Task Without_include_stop_str_the_server_drops_the_stop_string_and_names_it_in_stop_reason()
    {
        using var http = new HttpClient { BaseAddress = served.Server.BaseAddress };
        var free = await PostAsync(http, new { prompt = "Question: x", max_tokens = 16, temperature = 0 });
        string text = free.GetProperty("choices")[0].GetProperty("text").GetString()!;
        Assert.Equal("length", free.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(16, free.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.True(free.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() > 0);

        string stop = PrintablePiece(text, 2);
        var stopped = await PostAsync(http, new { prompt = "Question: x", max_tokens = 16, temperature = 0, stop });
        JsonElement choice = stopped.GetProperty("choices")[0];
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(stop, choice.GetProperty("stop_reason").GetString());
        Assert.Equal(text[..text.IndexOf(stop, StringComparison.Ordinal)], choice.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Requests_the_server_cannot_honour_get_an_openai_style_400_naming_the_field()
    {
        using var http = new HttpClient { BaseAddress = served.Server.BaseAddress };
        using var response = await http.PostAsJsonAsync("v1/completions", new { prompt = "x", n = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("n", error.GetProperty("param").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());

        using var chat = await http.PostAsJsonAsync("v1/chat/completions", new { messages = new[] { new { role = "user", content = "x" } }, continue_final_message = true });
        Assert.Equal(HttpStatusCode.BadRequest, chat.StatusCode);
    }

    [Fact]
    public async Task The_model_list_names_the_served_model()
    {
        using var http = new HttpClient { BaseAddress = served.Server.BaseAddress };
        var models = JsonDocument.Parse(await http.GetStringAsync("v1/models")).RootElement;
        Assert.Equal(Path.GetFileName(served.ModelFolder), models.GetProperty("data")[0].GetProperty("id").GetString());
    }

    // A run of printable ASCII from the second third of the text on (random byte-level tokens also produce partial
    // UTF-8, whose replacement characters depend on where decoding starts).
    private static string PrintablePiece(string text, int length)
    {
        for (int i = text.Length / 3; i + length <= text.Length; i++)
        {
            if (text.Substring(i, length).All(c => c is >= ' ' and <= '~'))
            {
                return text.Substring(i, length);
            }
        }
        throw new InvalidOperationException($"no printable piece in {text}");
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync("v1/completions", body);
        string json = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, json);
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}

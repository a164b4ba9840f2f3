namespace SearchR1.Evaluation.Policies;

/// <summary>Which OpenAI-compatible route a remote policy is called through.</summary>
public enum OpenAiApi
{
    /// <summary><c>/v1/chat/completions</c>: the server applies the model's chat template.</summary>
    Chat,

    /// <summary><c>/v1/completions</c>: raw text in, raw text out (the prompt is rendered on this side).</summary>
    Completions,
}

/// <summary>
/// Where a remote policy lives and how to call it. vLLM, SGLang, llama.cpp's server and <c>searchr1 serve policy</c>
/// all speak this protocol.
/// </summary>
/// <param name="Endpoint">Base URL, with or without the trailing <c>/v1</c> (e.g. <c>http://127.0.0.1:8001/v1</c>).</param>
/// <param name="Model">Model name sent with each request; null asks the server's <c>/v1/models</c> and takes the first.</param>
/// <param name="Api">Chat or completions route.</param>
/// <param name="ApiKey">Bearer key; servers that check none accept any value.</param>
/// <param name="MaxConcurrency">Requests in flight at once (one per conversation).</param>
public sealed record OpenAiEndpointOptions(
    Uri Endpoint,
    string? Model = null,
    OpenAiApi Api = OpenAiApi.Completions,
    string ApiKey = "none",
    int MaxConcurrency = 8)
{
    /// <summary>The endpoint with exactly one trailing <c>/v1</c>, as the OpenAI client expects.</summary>
    public Uri BaseV1
    {
        get
        {
            string text = Endpoint.ToString().TrimEnd('/');
            return new Uri(text.EndsWith("/v1", StringComparison.Ordinal) ? text : text + "/v1");
        }
    }
}

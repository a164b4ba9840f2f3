namespace SearchR1.Server.Policy;

/// <summary>A request the server refuses (HTTP 400), with the field at fault, in OpenAI's error shape.</summary>
internal sealed class OpenAiRequestError(string message, string? param = null) : Exception(message)
{
    public string? Param { get; } = param;
}

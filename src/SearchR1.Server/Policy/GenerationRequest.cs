using SearchR1.Evaluation.Policies;

namespace SearchR1.Server.Policy;

/// <summary>One prompt waiting for the model, with the settings it must be generated under.</summary>
internal sealed class GenerationRequest(string text, SamplingSettings settings, CancellationToken cancellationToken)
{
    public string Text { get; } = text;

    public SamplingSettings Settings { get; } = settings;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public TaskCompletionSource<PolicyCompletion> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Requests can share a batch only when they sample the same way.</summary>
    public string BatchKey => $"{Settings.MaxTokens}|{Settings.Temperature}|{Settings.Seed}|{string.Join("\u0001", Settings.StopStrings)}";
}

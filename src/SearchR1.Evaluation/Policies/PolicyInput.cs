namespace SearchR1.Evaluation.Policies;

/// <summary>
/// One conversation to continue: the user turn (the filled-in prompt template) and what the assistant has
/// written so far (earlier turns and their observations; empty on the first turn). The backend decides how the
/// user turn is wrapped (chat template, or raw text for models without one).
/// </summary>
public sealed record PolicyInput(string UserMessage, string AssistantPrefix = "");

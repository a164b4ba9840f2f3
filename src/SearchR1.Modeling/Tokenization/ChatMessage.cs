namespace SearchR1.Modeling.Tokenization;

/// <summary>One turn of a conversation, as chat templates see it (<c>{"role": …, "content": …}</c>).</summary>
public sealed record ChatMessage(string Role, string Content);

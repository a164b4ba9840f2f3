namespace SearchR1.Core.Protocol;

/// <summary>Who wrote a token of a trajectory.</summary>
public enum TokenSource : byte
{
    /// <summary>The prompt (chat template and question): context, never trained on.</summary>
    Prompt,

    /// <summary>Sampled by the policy: the only tokens the policy loss sees.</summary>
    Policy,

    /// <summary>Written by the environment (retrieved information, the invalid-action text): context for later tokens, masked out of the loss.</summary>
    Observation,
}

using static TorchSharp.torch;

namespace SearchR1.Training.Algorithms;

/// <summary>
/// Where retrieved-token masking lives. The response attention mask is 1 on every real response token
/// (policy and observation alike) and 0 on pads; the loss mask additionally zeroes observation tokens
/// (SPEC §2.6 <c>info_mask</c>). With masking off (the paper's ablation) the loss mask is the attention mask.
/// </summary>
public static class ResponseMasks
{
    /// <summary>attentionMask, observationMask: [B, L] (1 = real token / 1 = observation token) → loss mask [B, L].</summary>
    public static Tensor LossMask(Tensor attentionMask, Tensor observationMask, bool maskObservations) =>
        maskObservations ? attentionMask * (1 - observationMask) : attentionMask.clone();
}

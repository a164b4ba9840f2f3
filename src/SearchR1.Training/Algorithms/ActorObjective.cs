using static TorchSharp.torch;

namespace SearchR1.Training.Algorithms;

/// <summary>The coefficients of the actor loss (SPEC §5.3).</summary>
/// <param name="ClipRange">ε of the clipped surrogate (0.2).</param>
/// <param name="EntropyCoefficient">Weight of the entropy bonus (0.001).</param>
/// <param name="KlLossCoefficient">Weight of the KL loss; 0 turns it off (PPO). GRPO: 0.001.</param>
/// <param name="KlLossEstimator">Estimator of the KL loss (GRPO: low_var_kl).</param>
public sealed record ActorLossSettings(
    double ClipRange = 0.2,
    double EntropyCoefficient = 0.001,
    double KlLossCoefficient = 0.0,
    KlEstimator KlLossEstimator = KlEstimator.LowVarKl);

/// <summary>The actor loss of one micro-batch and what is logged of it (detached scalars).</summary>
public sealed record ActorLossTerms(Tensor Loss, Tensor PolicyLoss, Tensor Entropy, Tensor KlLoss, Tensor ClipFraction, Tensor ApproxKl);

/// <summary>
/// The actor loss of verl's <c>dp_actor.update_policy</c>, one function: clipped surrogate − c_ent · entropy
/// (+ c_kl · KL loss), every term a token-level masked mean over the <em>loss mask</em>, in which retrieved
/// (observation) tokens are 0. That mask is the whole of "retrieved-token masking": observation tokens stay in the
/// context the logits were computed from, but contribute nothing to the gradient.
/// </summary>
public static class ActorObjective
{
    /// <summary>
    /// logits: [B, L, V] at the positions that predict the L response tokens (temperature already applied);
    /// responseIds: [B, L] int64; oldLogProbs, advantages, lossMask: [B, L]; refLogProbs: [B, L] or null when the
    /// KL loss is off.
    /// </summary>
    public static ActorLossTerms Compute(
        Tensor logits, Tensor responseIds, Tensor oldLogProbs, Tensor? refLogProbs, Tensor advantages,
        Tensor lossMask, ActorLossSettings settings)
    {
        var logProbs = CoreAlgos.LogProbsFromLogits(logits, responseIds);
        var (policyLoss, clipFraction, approxKl) =
            CoreAlgos.PolicyLoss(oldLogProbs, logProbs, advantages, lossMask, settings.ClipRange);
        var entropy = CoreAlgos.MaskedMean(CoreAlgos.EntropyFromLogits(logits), lossMask);
        var loss = policyLoss - settings.EntropyCoefficient * entropy;

        var klLoss = zeros(1, dtype: loss.dtype, device: loss.device).squeeze();
        if (settings.KlLossCoefficient != 0)
        {
            if (refLogProbs is null)
            {
                throw new ArgumentNullException(nameof(refLogProbs), "the KL loss needs reference log-probs");
            }
            klLoss = CoreAlgos.MaskedMean(CoreAlgos.KlPenalty(logProbs, refLogProbs, settings.KlLossEstimator), lossMask);
            loss = loss + settings.KlLossCoefficient * klLoss;
        }
        return new ActorLossTerms(loss, policyLoss.detach(), entropy.detach(), klLoss.detach(), clipFraction, approxKl);
    }
}

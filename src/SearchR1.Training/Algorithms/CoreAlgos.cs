using TorchSharp;
using static TorchSharp.torch;

namespace SearchR1.Training.Algorithms;

/// <summary>
/// The RL math of Search-R1 (verl's <c>trainer/ppo/core_algos.py</c>) as pure tensor functions: no state, no
/// model, no framework. Shapes use B = batch rows, L = response length (right-padded). Masks are float tensors of
/// 0 / 1. See SPEC §5.3 for which mask each function is given: the <em>loss mask</em> (observation tokens 0)
/// for the policy terms, the <em>response attention mask</em> (observation tokens 1) for GAE, whitening,
/// GRPO statistics and the critic.
/// </summary>
public static class CoreAlgos
{
    /// <summary>sum(values·mask) / sum(mask). values, mask: same shape; returns a scalar (0 where the mask is empty).</summary>
    public static Tensor MaskedMean(Tensor values, Tensor mask) =>
        (values * mask).sum() / mask.sum().clamp_min(1e-12);

    /// <summary>Masked variance of all elements; unbiased multiplies by n / (n − 1) as verl does.</summary>
    public static Tensor MaskedVariance(Tensor values, Tensor mask, bool unbiased = true)
    {
        var mean = MaskedMean(values, mask);
        var variance = MaskedMean((values - mean).square(), mask);
        if (!unbiased)
        {
            return variance;
        }
        var count = mask.sum();
        // n = 1 has no unbiased estimate; verl divides by zero there. Keep the biased value (0) instead of inf.
        return torch.where(count > 1, variance * count / (count - 1).clamp_min(1e-12), variance);
    }

    /// <summary>(values − masked mean) · rsqrt(masked unbiased variance + 1e-8). values, mask: [B, L].</summary>
    public static Tensor MaskedWhiten(Tensor values, Tensor mask, bool shiftMean = true)
    {
        var mean = MaskedMean(values, mask);
        var whitened = (values - mean) * torch.rsqrt(MaskedVariance(values, mask) + 1e-8);
        return shiftMean ? whitened : whitened + mean;
    }

    /// <summary>
    /// Generalised advantage estimation. rewards, values, responseMask: [B, L] (values already zero on pads).
    /// Reverse loop δ_t = r_t + γV_{t+1} − V_t (V_L = 0), A_t = δ_t + γλA_{t+1}; returns = A + V before whitening;
    /// A is then whitened over <paramref name="responseMask"/> (the attention mask: observation tokens included).
    /// Returns (advantages [B, L], returns [B, L]).
    /// </summary>
    public static (Tensor Advantages, Tensor Returns) GaeAdvantageReturn(
        Tensor rewards, Tensor values, Tensor responseMask, double gamma, double lambda)
    {
        using var _ = torch.no_grad();
        long length = rewards.shape[1];
        var reversed = new Tensor[length];
        Tensor lastAdvantage = torch.zeros_like(rewards[.., 0]);
        for (long t = length - 1; t >= 0; t--)
        {
            Tensor nextValue = t < length - 1 ? values[.., t + 1] : torch.zeros_like(values[.., t]);
            var delta = rewards[.., t] + gamma * nextValue - values[.., t];
            lastAdvantage = delta + gamma * lambda * lastAdvantage;
            reversed[t] = lastAdvantage;
        }
        var advantages = torch.stack(reversed, dim: 1);
        var returns = advantages + values;
        return (MaskedWhiten(advantages, responseMask), returns);
    }

    /// <summary>
    /// GRPO outcome advantage. rewards, responseMask: [B, L]; groupIds: B ids, equal for the samples of one prompt
    /// (globally unique per prompt). score_i = Σ_t r_{i,t}; a group of one has mean 0 and std 1, otherwise mean
    /// and unbiased std; A_i = (score_i − mean) / (std + ε) on every response token. Returns (advantages, returns = advantages).
    /// </summary>
    public static (Tensor Advantages, Tensor Returns) GrpoOutcomeAdvantage(
        Tensor rewards, Tensor responseMask, IReadOnlyList<long> groupIds, double epsilon = 1e-6)
    {
        using var _ = torch.no_grad();
        float[] scores = rewards.sum(1).to(float32).cpu().data<float>().ToArray();
        if (scores.Length != groupIds.Count)
        {
            throw new ArgumentException($"{groupIds.Count} group ids for {scores.Length} rows", nameof(groupIds));
        }
        var normalised = new float[scores.Length];
        foreach (var group in Enumerable.Range(0, scores.Length).GroupBy(i => groupIds[i]))
        {
            int[] rows = group.ToArray();
            double mean = 0, std = 1;
            if (rows.Length > 1)
            {
                mean = rows.Average(i => (double)scores[i]);
                std = Math.Sqrt(rows.Sum(i => (scores[i] - mean) * (scores[i] - mean)) / (rows.Length - 1));
            }
            foreach (int i in rows)
            {
                normalised[i] = (float)((scores[i] - mean) / (std + epsilon));
            }
        }
        var advantages = torch.tensor(normalised, device: rewards.device).to(rewards.dtype).unsqueeze(1) * responseMask;
        return (advantages, advantages.clone());
    }

    /// <summary>
    /// PPO clipped surrogate. oldLogProbs, logProbs, advantages, lossMask: [B, L]. ratio = exp(logp − old);
    /// loss = masked_mean(max(−A·ratio, −A·clip(ratio, 1 − ε, 1 + ε))) (token-level mean). Also returns the clip
    /// fraction (share of tokens where the clipped term wins) and approx KL = masked_mean(old − new).
    /// </summary>
    public static (Tensor Loss, Tensor ClipFraction, Tensor ApproxKl) PolicyLoss(
        Tensor oldLogProbs, Tensor logProbs, Tensor advantages, Tensor lossMask, double clipRange)
    {
        var logRatio = logProbs - oldLogProbs;
        var ratio = torch.exp(logRatio);
        var unclipped = -advantages * ratio;
        var clipped = -advantages * torch.clamp(ratio, 1.0 - clipRange, 1.0 + clipRange);
        var loss = MaskedMean(torch.maximum(unclipped, clipped), lossMask);
        var clipFraction = MaskedMean(clipped.gt(unclipped).to(logProbs.dtype), lossMask).detach();
        var approxKl = MaskedMean(-logRatio, lossMask).detach();
        return (loss, clipFraction, approxKl);
    }

    /// <summary>Per-token entropy of the categorical given by logits [B, L, V] → [B, L]: logsumexp(z) − Σ softmax(z)·z.</summary>
    public static Tensor EntropyFromLogits(Tensor logits)
    {
        var probabilities = torch.softmax(logits, -1);
        return torch.logsumexp(logits, -1) - (probabilities * logits).sum(-1);
    }

    /// <summary>log p(label) under logits: logits [B, L, V], labels [B, L] (int64) → [B, L].</summary>
    public static Tensor LogProbsFromLogits(Tensor logits, Tensor labels) =>
        logits.log_softmax(-1).gather(-1, labels.unsqueeze(-1)).squeeze(-1);

    /// <summary>
    /// Per-token KL estimate between the policy and the reference: logProbs, refLogProbs [B, L] → [B, L].
    /// k1 ("kl"): logp − ref (PPO's KL in the reward). "abs": |logp − ref|. "mse": ½(logp − ref)².
    /// "low_var_kl" (k3, GRPO's KL loss): exp(ref − logp) − (ref − logp) − 1, clamped to [−10, 10].
    /// </summary>
    public static Tensor KlPenalty(Tensor logProbs, Tensor refLogProbs, KlEstimator estimator)
    {
        switch (estimator)
        {
            case KlEstimator.K1:
                return logProbs - refLogProbs;
            case KlEstimator.Abs:
                return (logProbs - refLogProbs).abs();
            case KlEstimator.Mse:
                return 0.5 * (logProbs - refLogProbs).square();
            case KlEstimator.LowVarKl:
                var kl = refLogProbs - logProbs;
                return torch.clamp(torch.exp(kl) - kl - 1, -10, 10);
            default:
                throw new ArgumentOutOfRangeException(nameof(estimator), estimator, "unknown KL estimator");
        }
    }

    /// <summary>
    /// PPO's KL in the reward: rewards = scores − β · kl(old, ref) · lossMask (observation tokens carry no KL).
    /// tokenScores, oldLogProbs, refLogProbs, lossMask: [B, L]. Returns (rewards, the masked mean KL for logging).
    /// </summary>
    public static (Tensor Rewards, Tensor MeanKl) ApplyKlPenalty(
        Tensor tokenScores, Tensor oldLogProbs, Tensor refLogProbs, Tensor lossMask, double beta, KlEstimator estimator)
    {
        var kl = KlPenalty(oldLogProbs, refLogProbs, estimator) * lossMask;
        return (tokenScores - beta * kl, MaskedMean(kl, lossMask));
    }

    /// <summary>
    /// Clipped value loss: 0.5 · masked_mean(max((v − R)², (clip(v, v_old ± c) − R)²), mask) with the FULL response
    /// attention mask (observation tokens included). values, returns, oldValues, mask: [B, L]. Also the clip fraction.
    /// </summary>
    public static (Tensor Loss, Tensor ClipFraction) ValueLoss(
        Tensor values, Tensor returns, Tensor oldValues, Tensor mask, double clipRangeValue)
    {
        var clippedValues = torch.clamp(values, oldValues - clipRangeValue, oldValues + clipRangeValue);
        var unclippedLoss = (values - returns).square();
        var clippedLoss = (clippedValues - returns).square();
        var loss = 0.5 * MaskedMean(torch.maximum(unclippedLoss, clippedLoss), mask);
        var clipFraction = MaskedMean(clippedLoss.gt(unclippedLoss).to(values.dtype), mask).detach();
        return (loss, clipFraction);
    }
}

/// <summary>How the KL between policy and reference is estimated per token (verl's <c>kl_penalty</c> names).</summary>
public enum KlEstimator
{
    /// <summary>k1 = logπ − logπ_ref (verl "kl"): PPO's KL in the reward.</summary>
    K1,
    /// <summary>|logπ − logπ_ref|.</summary>
    Abs,
    /// <summary>½(logπ − logπ_ref)².</summary>
    Mse,
    /// <summary>k3 with clamp ±10 (verl "low_var_kl"): GRPO's KL loss.</summary>
    LowVarKl,
}

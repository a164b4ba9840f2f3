using SearchR1.Modeling.Transformer;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SearchR1.Modeling.Scoring;

/// <summary>
/// Per-token log-probabilities of given labels and the entropy of each predictive distribution, what the
/// PPO / GRPO losses need, computed without ever holding [B, T, vocab] logits: the output projection runs
/// over chunks of positions, and under autograd each chunk is checkpointed (its logits are recomputed in the
/// backward pass), so memory is one chunk's logits whatever the batch. Everything is float32.
/// </summary>
public static class TokenLogProbs
{
    /// <summary>
    /// For a batch [B, T] (left or right padded, with its attention mask): log p(ids[:, t+1] | ids[:, ≤t]) and
    /// the entropy at t, both [B, T−1], from log_softmax(logits / temperature) (verl's convention).
    /// Padding positions get values too; mask them out.
    /// </summary>
    public static (Tensor LogProbs, Tensor Entropy) OfSequences(CausalLanguageModel model, Tensor inputIds, Tensor? attentionMask = null,
        Tensor? positionIds = null, double temperature = 1.0, int chunkTokens = 1024)
    {
        long length = inputIds.shape[1];
        Tensor hidden = model.model.Run(inputIds, attentionMask, positionIds).narrow(1, 0, length - 1);
        return FromHidden(model, hidden, inputIds.narrow(1, 1, length - 1), temperature, chunkTokens);
    }

    /// <summary>hidden [B, T, H] and labels [B, T] → (log-probs [B, T], entropy [B, T]).</summary>
    public static (Tensor LogProbs, Tensor Entropy) FromHidden(CausalLanguageModel model, Tensor hidden, Tensor labels,
        double temperature = 1.0, int chunkTokens = 1024)
    {
        long batch = hidden.shape[0], length = hidden.shape[1];
        Tensor flatHidden = hidden.reshape(batch * length, hidden.shape[2]);
        Tensor flatLabels = labels.reshape(batch * length);
        var pieces = new List<Tensor>();
        bool checkpoint = is_grad_enabled() && (flatHidden.requires_grad || model.OutputWeight.requires_grad);
        for (long start = 0; start < batch * length; start += chunkTokens)
        {
            long size = Math.Min(chunkTokens, batch * length - start);
            Tensor h = flatHidden.narrow(0, start, size);
            Tensor y = flatLabels.narrow(0, start, size);
            Func<Tensor, Tensor> score = x => Score(model, x, y, temperature);
            pieces.Add(checkpoint ? ActivationCheckpoint.Run(h, score, [model.OutputWeight]) : score(h));
        }
        Tensor both = cat(pieces, dim: 0).view(batch, length, 2);
        return (both.select(-1, 0), both.select(-1, 1));
    }

    /// <summary>[n, H] hidden and [n] labels → [n, 2]: (log-prob of the label, entropy).</summary>
    private static Tensor Score(CausalLanguageModel model, Tensor hidden, Tensor labels, double temperature)
    {
        Tensor logits = model.Logits(hidden).to(ScalarType.Float32);
        if (temperature != 1.0)
        {
            logits = logits / temperature;
        }
        Tensor logProbs = F.log_softmax(logits, -1);
        Tensor picked = logProbs.gather(-1, labels.unsqueeze(-1)).squeeze(-1);
        Tensor entropy = -(logProbs.exp() * logProbs).sum(-1);
        return stack([picked, entropy], dim: -1);
    }
}

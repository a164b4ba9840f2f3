using static TorchSharp.torch;

namespace SearchR1.Modeling.Generation;

/// <summary>Chooses next tokens from last-position logits and reports their log-probabilities.</summary>
internal sealed class TokenSampler : IDisposable
{
    private readonly SamplingOptions _options;
    private readonly Generator? _generator;

    public TokenSampler(SamplingOptions options, Device device)
    {
        options.Validate();
        _options = options;
        if (!options.IsGreedy && options.Seed is { } seed)
        {
            _generator = new Generator((ulong)seed, device);
        }
    }

    /// <summary>logits [n, vocab] → (tokens [n] int64, log-probs [n] float32).</summary>
    public (Tensor Tokens, Tensor LogProbs) Sample(Tensor logits)
    {
        Tensor scaled = logits.to(ScalarType.Float32);
        if (!_options.IsGreedy && _options.Temperature != 1.0)
        {
            scaled = scaled / _options.Temperature;
        }
        Tensor logProbs = scaled.log_softmax(-1);
        Tensor tokens;
        if (_options.IsGreedy)
        {
            tokens = scaled.argmax(-1);
        }
        else
        {
            Tensor filtered = scaled;
            if (_options.TopK > 0 && _options.TopK < filtered.shape[^1])
            {
                Tensor kth = filtered.topk(_options.TopK, dim: -1).values.narrow(-1, _options.TopK - 1, 1);
                filtered = filtered.masked_fill(filtered < kth, double.NegativeInfinity);
            }
            if (_options.TopP < 1.0)
            {
                // Keep the smallest prefix of the sorted distribution whose mass reaches top_p (at least one token).
                (Tensor sorted, Tensor order) = filtered.sort(dim: -1, descending: true);
                Tensor cumulative = sorted.softmax(-1).cumsum(-1);
                Tensor dropSorted = (cumulative - sorted.softmax(-1)) >= _options.TopP;
                Tensor drop = zeros_like(dropSorted).scatter(-1, order, dropSorted);
                filtered = filtered.masked_fill(drop, double.NegativeInfinity);
            }
            tokens = multinomial(filtered.softmax(-1), 1, generator: _generator).squeeze(-1);
        }
        return (tokens, logProbs.gather(-1, tokens.unsqueeze(-1)).squeeze(-1));
    }

    public void Dispose() => _generator?.Dispose();
}

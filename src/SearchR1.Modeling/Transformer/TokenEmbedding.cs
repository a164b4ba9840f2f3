using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Transformer;

/// <summary>
/// The token embedding table [vocab, hidden]. Our own module rather than nn.Embedding so that
/// <see cref="weight"/> is one stable Parameter object: the tied output projection and the optimizer hold
/// exactly this tensor, and reading it allocates nothing.
/// </summary>
public sealed class TokenEmbedding : nn.Module
{
    public Parameter weight;

    public TokenEmbedding(long vocabulary, long hidden, Device? device = null, ScalarType? dtype = null) : base(nameof(TokenEmbedding))
    {
        weight = new Parameter(empty(vocabulary, hidden, dtype: dtype, device: device));
        using (no_grad())
        {
            weight.normal_(0, 0.02);
        }
        RegisterComponents();
    }

    /// <summary>ids [B, T] → [B, T, hidden] in the compute dtype.</summary>
    public Tensor forward(Tensor ids, ScalarType computeType) =>
        weight.index_select(0, ids.flatten()).view(ids.shape[0], ids.shape[1], -1).to(computeType);
}

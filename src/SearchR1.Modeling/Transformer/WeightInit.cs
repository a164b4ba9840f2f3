using TorchSharp;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Transformer;

/// <summary>transformers' initialisation of a fresh Qwen2 / Llama model: normal(0, 0.02) for matrices and embeddings, zero biases, unit norm scales.</summary>
internal static class WeightInit
{
    public static void Apply(nn.Module module, double std, Generator? generator)
    {
        using var noGrad = no_grad();
        foreach ((string name, var parameter) in module.named_parameters())
        {
            if (name.EndsWith("norm.weight", StringComparison.Ordinal))
            {
                parameter.fill_(1.0);
            }
            else if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                parameter.zero_();
            }
            else
            {
                parameter.normal_(0, std, generator: generator);
            }
        }
    }
}

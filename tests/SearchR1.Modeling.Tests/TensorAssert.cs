using static TorchSharp.torch;

namespace SearchR1.Modeling.Tests;

internal static class TensorAssert
{
    /// <summary>Same shape and exactly the same values (torch.equal gives a tensor in TorchSharp, not a bool).</summary>
    public static bool SameValues(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape))
        {
            return false;
        }
        using var scope = NewDisposeScope();
        return a.numel() == 0 || a.to(ScalarType.Float64).eq(b.to(ScalarType.Float64)).all().item<bool>();
    }

    public static double MaxDifference(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (a.to(ScalarType.Float64) - b.to(ScalarType.Float64)).abs().max().item<double>();
    }
}

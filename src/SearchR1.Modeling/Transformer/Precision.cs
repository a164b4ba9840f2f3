using static TorchSharp.torch;

namespace SearchR1.Modeling.Transformer;

/// <summary>
/// Mixed precision without autocast (TorchSharp has none): parameters stay in their own dtype (fp32 master
/// weights for training) and are cast to the compute dtype where they are used, so gradients flow back to
/// the fp32 copy. When the dtypes already agree nothing is cast.
/// </summary>
internal static class Precision
{
    public static Tensor Cast(Tensor parameter, ScalarType computeType) =>
        parameter.dtype == computeType ? parameter : parameter.to(computeType);

    public static Tensor? CastOrNull(Tensor? parameter, ScalarType computeType) =>
        parameter is null ? null : Cast(parameter, computeType);
}

using SearchR1.Modeling.Configuration;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Transformer;

/// <summary>
/// Rotary position embedding (RoPE) with transformers' default and <c>llama3</c> frequency schedules. The
/// inverse frequencies are computed in float32 with the same operations as transformers, the angles in
/// float32, and only the final cos/sin are cast to the compute dtype.
/// </summary>
public sealed class RotaryEmbedding : IDisposable
{
    private readonly Tensor _inverseFrequencies; // [headDim / 2], float32, CPU
    private Tensor? _onDevice;

    public RotaryEmbedding(ModelConfig config)
    {
        using (NewDisposeScope())
        {
            _inverseFrequencies = InverseFrequencies(config).MoveToOuterDisposeScope();
        }
        _inverseFrequencies.DetachFromDisposeScope();
    }

    /// <summary>
    /// cos and signed sin for positions [B, T], shaped [B, T, 1, headDim] to broadcast over heads. The sin's
    /// first half is negated, so that <see cref="Apply"/> needs a roll instead of transformers' rotate_half
    /// (cat(−x₂, x₁) · sin = roll(x, D/2) · cat(−s, s): the same products, fewer kernels).
    /// </summary>
    public (Tensor Cos, Tensor SignedSin) Angles(Tensor positions, ScalarType computeType)
    {
        Tensor inverse = OnDevice(positions.device);
        Tensor frequencies = positions.to(ScalarType.Float32).unsqueeze(-1) * inverse;
        Tensor angles = cat([frequencies, frequencies], dim: -1).unsqueeze(2);
        Tensor sin = frequencies.sin().unsqueeze(2);
        return (angles.cos().to(computeType), cat([-sin, sin], dim: -1).to(computeType));
    }

    /// <summary>Rotates heads [B, T, H, D] by their positions (x·cos + rotate_half(x)·sin, as transformers).</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor signedSin) =>
        x * cos + x.roll(x.shape[^1] / 2, -1) * signedSin;

    private Tensor OnDevice(Device device)
    {
        if (_onDevice is null || _onDevice.device != device)
        {
            _onDevice?.Dispose();
            _onDevice = _inverseFrequencies.to(device).DetachFromDisposeScope();
        }
        return _onDevice;
    }

    private static Tensor InverseFrequencies(ModelConfig config)
    {
        int dim = config.HeadDim;
        Tensor exponents = arange(0, dim, 2, dtype: ScalarType.Int64).to(ScalarType.Float32) / dim;
        Tensor inverse = 1.0f / full([exponents.shape[0]], config.RopeTheta, dtype: ScalarType.Float32).pow(exponents);
        RopeScaling s = config.RopeScaling;
        switch (s.Type)
        {
            case "default":
                return inverse;
            case "linear":
                return inverse / s.Factor;
            case "llama3":
            {
                double oldContext = s.OriginalMaxPositionEmbeddings;
                double lowFreqWavelength = oldContext / s.LowFreqFactor;
                double highFreqWavelength = oldContext / s.HighFreqFactor;
                Tensor wavelength = 2 * Math.PI / inverse;
                Tensor scaled = where(wavelength > lowFreqWavelength, inverse / s.Factor, inverse);
                Tensor smooth = (oldContext / wavelength - s.LowFreqFactor) / (s.HighFreqFactor - s.LowFreqFactor);
                Tensor smoothed = (1 - smooth) * scaled / s.Factor + smooth * scaled;
                Tensor medium = (wavelength < highFreqWavelength).logical_not() & (wavelength > lowFreqWavelength).logical_not();
                return where(medium, smoothed, scaled);
            }
            default:
                throw new NotSupportedException($"rope type \"{s.Type}\" is not supported.");
        }
    }

    public void Dispose()
    {
        _inverseFrequencies.Dispose();
        _onDevice?.Dispose();
    }
}

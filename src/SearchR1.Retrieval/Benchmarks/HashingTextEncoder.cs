using System.Numerics.Tensors;
using SearchR1.Retrieval.Dense;

namespace SearchR1.Retrieval.Benchmarks;

/// <summary>
/// A model-free encoder for benchmarking the dense index path at any scale: each lower-cased word is hashed to
/// one of <see cref="Dimension"/> components (±1 by a second hash bit), and the vector is L2-normalised. Passages
/// and queries sharing words get high inner products, so searches have meaningful answers. Not a semantic model:
/// use it only to measure the flat index, the passage store and the server, not retrieval quality.
/// </summary>
public sealed class HashingTextEncoder(int dimension = 768) : ITextEncoder
{
    public int Dimension { get; } = dimension;

    public float[] Encode(IReadOnlyList<string> texts, bool isQuery, CancellationToken ct = default)
    {
        var result = new float[(long)texts.Count * Dimension];
        for (int i = 0; i < texts.Count; i++)
        {
            Span<float> row = result.AsSpan(i * Dimension, Dimension);
            foreach (string word in texts[i].Split([' ', '\n', '"'], StringSplitOptions.RemoveEmptyEntries))
            {
                uint hash = Fnv1a(word);
                row[(int)(hash % (uint)Dimension)] += (hash & 0x8000_0000) == 0 ? 1f : -1f;
            }
            float norm = TensorPrimitives.Norm(row);
            if (norm > 0)
            {
                TensorPrimitives.Divide(row, norm, row);
            }
        }
        return result;
    }

    private static uint Fnv1a(string word)
    {
        uint hash = 2166136261;
        foreach (char c in word)
        {
            hash = (hash ^ char.ToLowerInvariant(c)) * 16777619;
        }
        return hash;
    }

    public void Dispose()
    {
    }
}

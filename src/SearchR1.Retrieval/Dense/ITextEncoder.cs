namespace SearchR1.Retrieval.Dense;

/// <summary>Turns texts into fixed-size vectors (queries and passages may be treated differently, e.g. by prefix).</summary>
public interface ITextEncoder : IDisposable
{
    /// <summary>Size of each vector.</summary>
    int Dimension { get; }

    /// <summary>Embeds the texts; row i of the result (length texts × <see cref="Dimension"/>, row-major) is text i.</summary>
    float[] Encode(IReadOnlyList<string> texts, bool isQuery, CancellationToken ct = default);
}

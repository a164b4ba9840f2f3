using SearchR1.Retrieval.Dense;
using SearchR1.Retrieval.Tests.Support;
using SearchR1.TestSupport;

namespace SearchR1.Retrieval.Tests.Dense;

[Conformance]
public sealed class OnnxTextEncoderTests
{
    [ConformanceFact]
    public void Embeddings_match_the_reference_within_1e_5_with_e5_prefixes_added_by_the_encoder()
    {
        using var encoder = new OnnxTextEncoder(E5TinyReference.Folder, new EncoderOptions { BatchSize = 5 });
        var reference = E5TinyReference.Load();
        var queries = reference.Where(r => r.Text.StartsWith("query: ", StringComparison.Ordinal)).ToList();
        var passages = reference.Where(r => r.Text.StartsWith("passage: ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(queries);
        Assert.NotEmpty(passages);

        float[] queryVectors = encoder.Encode(queries.Select(q => q.Text["query: ".Length..]).ToList(), isQuery: true);
        float[] passageVectors = encoder.Encode(passages.Select(p => p.Text["passage: ".Length..]).ToList(), isQuery: false);

        Assert.Equal(64, encoder.Dimension);
        AssertRowsClose(queries.Select(q => q.Embedding).ToList(), queryVectors, 64);
        AssertRowsClose(passages.Select(p => p.Embedding).ToList(), passageVectors, 64);
    }

    [ConformanceFact]
    public void Cls_pooling_without_normalisation_returns_the_first_hidden_state()
    {
        using var mean = new OnnxTextEncoder(E5TinyReference.Folder, new EncoderOptions { Normalize = false });
        using var cls = new OnnxTextEncoder(E5TinyReference.Folder, new EncoderOptions { Pooling = "cls", Normalize = false });

        float[] a = mean.Encode(["Paul Walker films"], isQuery: true);
        float[] b = cls.Encode(["Paul Walker films"], isQuery: true);

        Assert.NotEqual(a, b);
        Assert.True(Math.Abs(System.Numerics.Tensors.TensorPrimitives.Norm(b) - 1f) > 1e-3, "CLS vector should not be unit-norm here");
    }

    private static void AssertRowsClose(IReadOnlyList<float[]> expected, float[] actual, int dimension)
    {
        for (int row = 0; row < expected.Count; row++)
        {
            for (int j = 0; j < dimension; j++)
            {
                float diff = Math.Abs(expected[row][j] - actual[row * dimension + j]);
                Assert.True(diff <= 1e-5f, $"row {row}, component {j}: expected {expected[row][j]}, got {actual[row * dimension + j]}");
            }
        }
    }
}

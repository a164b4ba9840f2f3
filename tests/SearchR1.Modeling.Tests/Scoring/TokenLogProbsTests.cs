using SearchR1.Modeling.Scoring;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Tests.Scoring;

public class TokenLogProbsTests
{
    private static readonly long[] Row = [5, 9, 13, 40, 22, 7, 31, 2, 60, 4];

    [Fact]
    public void Chunked_log_probs_and_entropy_equal_a_plain_log_softmax_with_the_same_gradients()
    {
        using var model = TinyModels.Create(TinyModels.Llama, seed: 12);
        using var scope = NewDisposeScope();
        Tensor ids = tensor(Row.Concat(Row.Reverse()).ToArray()).view(2, 10);

        model.zero_grad();
        (Tensor logProbs, Tensor entropy) = TokenLogProbs.OfSequences(model, ids, temperature: 0.8, chunkTokens: 4);
        (logProbs.sum() + 0.1 * entropy.sum()).backward();
        var chunkedGradients = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone());

        model.zero_grad();
        Tensor plain = (model.forward(ids).narrow(1, 0, 9) / 0.8).log_softmax(-1);
        Tensor expectedLogProbs = plain.gather(-1, ids.narrow(1, 1, 9).unsqueeze(-1)).squeeze(-1);
        Tensor expectedEntropy = -(plain.exp() * plain).sum(-1);
        (expectedLogProbs.sum() + 0.1 * expectedEntropy.sum()).backward();

        Assert.True(TensorAssert.MaxDifference(logProbs, expectedLogProbs) < 1e-5);
        Assert.True(TensorAssert.MaxDifference(entropy, expectedEntropy) < 1e-5);
        foreach ((string name, var parameter) in model.named_parameters())
        {
            Assert.True(TensorAssert.MaxDifference(parameter.grad!, chunkedGradients[name]) < 1e-5, name);
        }
    }

    [Fact]
    public void A_left_padded_row_scores_its_tokens_as_the_unpadded_row_does()
    {
        using var model = TinyModels.Create(TinyModels.Qwen, seed: 13);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        (Tensor alone, _) = TokenLogProbs.OfSequences(model, tensor(Row).unsqueeze(0));
        Tensor padded = cat([zeros(3, dtype: ScalarType.Int64), tensor(Row)]).unsqueeze(0);
        Tensor mask = cat([zeros(3, dtype: ScalarType.Int64), ones(10, dtype: ScalarType.Int64)]).unsqueeze(0);
        (Tensor left, _) = TokenLogProbs.OfSequences(model, padded, mask);
        Assert.True(TensorAssert.MaxDifference(alone, left.narrow(1, 3, 9)) < 1e-5);

        Tensor rightPadded = cat([tensor(Row), zeros(3, dtype: ScalarType.Int64)]).unsqueeze(0);
        Tensor rightMask = cat([ones(10, dtype: ScalarType.Int64), zeros(3, dtype: ScalarType.Int64)]).unsqueeze(0);
        (Tensor right, _) = TokenLogProbs.OfSequences(model, rightPadded, rightMask);
        Assert.True(TensorAssert.MaxDifference(alone, right.narrow(1, 0, 9)) < 1e-5);
    }
}

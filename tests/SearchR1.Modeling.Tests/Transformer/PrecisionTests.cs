using SearchR1.Modeling.Generation;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Tests.Transformer;

public class PrecisionTests
{
    [Fact]
    public void Fp32_master_weights_with_bf16_compute_stay_close_to_fp32_and_gradients_reach_the_fp32_weights()
    {
        using var model = TinyModels.Create(TinyModels.Llama, seed: 31);
        using var scope = NewDisposeScope();
        Tensor ids = tensor(new long[] { 5, 9, 13, 40, 22, 7, 31, 2 }).unsqueeze(0);
        Tensor reference;
        using (no_grad())
        {
            reference = model.forward(ids).log_softmax(-1);
        }
        model.ComputeType = ScalarType.BFloat16;
        Tensor logits = model.forward(ids);
        Assert.Equal(ScalarType.BFloat16, logits.dtype);
        Tensor logProbs = logits.to(ScalarType.Float32).log_softmax(-1);
        Assert.True(TensorAssert.MaxDifference(reference, logProbs) < 0.1, $"bf16 compute drifted {TensorAssert.MaxDifference(reference, logProbs)}");
        logProbs[0, 3, 7].backward();
        foreach ((string name, var parameter) in model.named_parameters())
        {
            Assert.Equal(ScalarType.Float32, parameter.dtype);
            Assert.Equal(ScalarType.Float32, parameter.grad!.dtype);
        }
        model.ComputeType = ScalarType.Float32;
    }

    [Fact]
    public void A_bf16_model_generates_with_a_bf16_cache_and_agrees_with_its_own_full_forward()
    {
        using var model = TinyModels.Create(TinyModels.Qwen, seed: 32, dtype: ScalarType.BFloat16);
        int[] prompt = [5, 9, 13, 40, 22];
        var generated = TextGenerator.Generate(model, [prompt], 4, SamplingOptions.Greedy, eosTokenIds: [])[0];
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long[] row = prompt.Concat(generated.Tokens).Select(t => (long)t).ToArray();
        Tensor logProbs = model.forward(tensor(row).unsqueeze(0)).to(ScalarType.Float32).log_softmax(-1);
        for (int k = 0; k < 4; k++)
        {
            // bf16 rounding differs between cached and full attention; the chosen tokens' log-probs agree loosely.
            Assert.Equal(logProbs[0, prompt.Length + k - 1, generated.Tokens[k]].item<float>(), generated.LogProbs[k], 1);
        }
    }
}

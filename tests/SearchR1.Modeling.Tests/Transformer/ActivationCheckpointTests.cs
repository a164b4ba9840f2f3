using SearchR1.Modeling.Transformer;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Tests.Transformer;

public class ActivationCheckpointTests
{
    [Theory]
    [InlineData("qwen")]
    [InlineData("llama")]
    public void Checkpointed_layers_give_the_same_loss_and_gradients_as_plain_backward(string family)
    {
        using var model = TinyModels.Create(family == "qwen" ? TinyModels.Qwen : TinyModels.Llama, seed: 11);
        using var scope = NewDisposeScope();
        Tensor ids = tensor(new long[] { 0, 0, 5, 9, 13, 40, 22, 7, 31, 2, 60, 4, 17, 33, 8, 21 }).view(2, 8);
        Tensor mask = tensor(new long[] { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }).view(2, 8);

        (float plainLoss, Dictionary<string, Tensor> plain) = LossAndGradients(model, ids, mask, checkpointing: false);
        (float checkpointedLoss, Dictionary<string, Tensor> checkpointed) = LossAndGradients(model, ids, mask, checkpointing: true);

        Assert.Equal(plainLoss, checkpointedLoss);
        Assert.Equal(plain.Keys.Order(), checkpointed.Keys.Order());
        foreach ((string name, Tensor gradient) in plain)
        {
            Assert.True(gradient.abs().sum().item<float>() > 0 || name.Contains("bias"), $"{name} got no gradient");
            Assert.True(TensorAssert.MaxDifference(gradient, checkpointed[name]) < 1e-6, name);
        }
    }

    private static (float, Dictionary<string, Tensor>) LossAndGradients(CausalLanguageModel model, Tensor ids, Tensor mask, bool checkpointing)
    {
        model.zero_grad();
        model.ActivationCheckpointing = checkpointing;
        Tensor logits = model.forward(ids, mask);
        Tensor loss = nn.functional.cross_entropy(logits.narrow(1, 0, 7).reshape(-1, 64), ids.narrow(1, 1, 7).reshape(-1));
        loss.backward();
        model.ActivationCheckpointing = false;
        return (loss.item<float>(), model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone()));
    }
}

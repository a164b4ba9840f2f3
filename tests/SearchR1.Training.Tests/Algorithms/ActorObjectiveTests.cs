using SearchR1.Torch;
using SearchR1.Training.Algorithms;
using TorchSharp;
using static TorchSharp.torch;

namespace SearchR1.Training.Tests.Algorithms;

public class ActorObjectiveTests
{
    public ActorObjectiveTests() => TorchRuntime.EnsureLoaded();

    // One row of 6 response tokens: policy, policy, observation, observation, policy, pad.
    private static readonly float[] Attention = [1, 1, 1, 1, 1, 0];
    private static readonly float[] Observation = [0, 0, 1, 1, 0, 0];

    private static Tensor LogitGradient(bool maskObservations)
    {
        manual_seed(3);
        var logits = randn(1, 6, 13).requires_grad_(true);
        var ids = randint(0, 13, [1, 6], dtype: int64);
        var oldLogProbs = CoreAlgos.LogProbsFromLogits(logits, ids).detach() + 0.05f;
        var refLogProbs = oldLogProbs - 0.1f;
        var advantages = randn(1, 6);
        var lossMask = ResponseMasks.LossMask(tensor(Attention).unsqueeze(0), tensor(Observation).unsqueeze(0), maskObservations);
        var settings = new ActorLossSettings(KlLossCoefficient: 0.001);
        var terms = ActorObjective.Compute(logits, ids, oldLogProbs, refLogProbs, advantages, lossMask, settings);
        terms.Loss.backward();
        return logits.grad!.detach().clone();
    }

    [Fact]
    public void With_masking_the_gradient_at_observation_tokens_is_exactly_zero()
    {
        using var scope = NewDisposeScope();
        var grad = LogitGradient(maskObservations: true);
        Assert.Equal(0f, grad[0, 2].abs().max().item<float>());
        Assert.Equal(0f, grad[0, 3].abs().max().item<float>());
        Assert.Equal(0f, grad[0, 5].abs().max().item<float>()); // pad
        Assert.True(grad[0, 0].abs().max().item<float>() > 1e-6);
        Assert.True(grad[0, 4].abs().max().item<float>() > 1e-6);
    }

    [Fact]
    public void Without_masking_observation_tokens_receive_gradient()
    {
        using var scope = NewDisposeScope();
        var grad = LogitGradient(maskObservations: false);
        Assert.True(grad[0, 2].abs().max().item<float>() > 1e-6);
        Assert.True(grad[0, 3].abs().max().item<float>() > 1e-6);
        Assert.Equal(0f, grad[0, 5].abs().max().item<float>()); // pads never count
    }

    [Fact]
    public void The_loss_is_policy_loss_minus_entropy_bonus_plus_kl_loss()
    {
        using var scope = NewDisposeScope();
        // Uniform logits over 4 tokens: logp = −ln 4, entropy = ln 4. old = logp → ratio 1, loss_pg = −mean(A).
        var logits = zeros(1, 2, 4);
        var ids = zeros(1, 2, dtype: int64);
        var logp = (float)-Math.Log(4);
        var old = full(1, 2, logp);
        var reference = full(1, 2, logp - 1); // d = ref − logp = −1 → k3 = e^−1 + 1 − 1
        var advantages = tensor(new float[] { 2, 4 }).unsqueeze(0);
        var mask = ones(1, 2);
        var terms = ActorObjective.Compute(logits, ids, old, reference, advantages, mask,
            new ActorLossSettings(ClipRange: 0.2, EntropyCoefficient: 0.01, KlLossCoefficient: 0.1));
        double expected = -3 - 0.01 * Math.Log(4) + 0.1 * Math.Exp(-1);
        Assert.Equal(expected, terms.Loss.item<float>(), 5);
        Assert.Equal(Math.Exp(-1), terms.KlLoss.item<float>(), 5);
        Assert.Equal(0.0, terms.ClipFraction.item<float>(), 6);
    }
}

using SearchR1.Torch;
using SearchR1.Training.Algorithms;
using TorchSharp;
using static TorchSharp.torch;

namespace SearchR1.Training.Tests.Algorithms;

public class CoreAlgosTests
{
    public CoreAlgosTests() => TorchRuntime.EnsureLoaded();

    private static Tensor Row(params float[] values) => tensor(values).unsqueeze(0);

    private static float[] Values(Tensor t) => t.to(float32).flatten().data<float>().ToArray();

    private static void AssertClose(double[] expected, Tensor actual, double tolerance = 1e-5)
    {
        float[] got = Values(actual);
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - got[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {got[i]}");
        }
    }

    [Fact]
    public void Masked_mean_and_unbiased_variance_ignore_masked_elements()
    {
        using var scope = NewDisposeScope();
        var values = Row(1, 2, 3, 100);
        var mask = Row(1, 1, 1, 0);
        Assert.Equal(2.0, CoreAlgos.MaskedMean(values, mask).item<float>(), 5);
        // (1 + 0 + 1) / 3 biased, × 3/2 unbiased = 1
        Assert.Equal(1.0, CoreAlgos.MaskedVariance(values, mask).item<float>(), 5);
        Assert.Equal(2.0 / 3.0, CoreAlgos.MaskedVariance(values, mask, unbiased: false).item<float>(), 5);
    }

    [Fact]
    public void Masked_whitening_uses_the_unbiased_variance()
    {
        using var scope = NewDisposeScope();
        var whitened = CoreAlgos.MaskedWhiten(Row(1, 2, 3, 100), Row(1, 1, 1, 0));
        double s = 1 / Math.Sqrt(1 + 1e-8);
        AssertClose([-s, 0, s, 98 * s], whitened);
    }

    [Fact]
    public void Gae_with_gamma_and_lambda_one_is_the_return_minus_the_value()
    {
        using var scope = NewDisposeScope();
        var rewards = Row(0, 0, 1);
        var values = Row(0.5f, 0.2f, 0.1f);
        var mask = Row(1, 1, 1);
        var (advantages, returns) = CoreAlgos.GaeAdvantageReturn(rewards, values, mask, 1.0, 1.0);
        AssertClose([1, 1, 1], returns);
        // raw A = [0.5, 0.8, 0.9]: mean 0.7333…, unbiased var 0.04333…
        double mean = 2.2 / 3, std = Math.Sqrt(((0.5 - mean) * (0.5 - mean) + (0.8 - mean) * (0.8 - mean) + (0.9 - mean) * (0.9 - mean)) / 2);
        AssertClose([(0.5 - mean) / std, (0.8 - mean) / std, (0.9 - mean) / std], advantages, 1e-4);
    }

    [Fact]
    public void Gae_matches_a_hand_computed_recursion_with_discounting()
    {
        using var scope = NewDisposeScope();
        // γ = 0.9, λ = 0.5 by hand: A2 = 1 − 0.1 = 0.9; A1 = (0.9·0.1 − 0.2) + 0.45·0.9 = 0.295;
        // A0 = (0.9·0.2 − 0.5) + 0.45·0.295 = −0.18725; returns = A + V.
        var (advantages, returns) = CoreAlgos.GaeAdvantageReturn(
            Row(0, 0, 1), Row(0.5f, 0.2f, 0.1f), Row(1, 1, 1), 0.9, 0.5);
        AssertClose([0.31275, 0.495, 1.0], returns);
        double[] raw = [-0.18725, 0.295, 0.9];
        double mean = raw.Average();
        double std = Math.Sqrt(raw.Sum(a => (a - mean) * (a - mean)) / 2);
        AssertClose(raw.Select(a => (a - mean) / std).ToArray(), advantages, 1e-4);
    }

    [Fact]
    public void Gae_whitening_counts_observation_tokens_but_not_pads()
    {
        using var scope = NewDisposeScope();
        // Two rows; the second is padded after two tokens. The padded value/reward are 0 and its mask 0.
        var rewards = tensor(new float[,] { { 0, 1 }, { 1, 0 } });
        var values = tensor(new float[,] { { 0.25f, 0.5f }, { 0.5f, 0 } });
        var mask = tensor(new float[,] { { 1, 1 }, { 1, 0 } });
        var (advantages, returns) = CoreAlgos.GaeAdvantageReturn(rewards, values, mask, 1, 1);
        AssertClose([1, 1, 1, 0], returns);
        double[] raw = [0.75, 0.5, 0.5]; // masked elements only
        double mean = raw.Average(), std = Math.Sqrt(raw.Sum(a => (a - mean) * (a - mean)) / 2);
        float[] got = Values(advantages);
        Assert.Equal((0.75 - mean) / std, got[0], 4);
        Assert.Equal((0.5 - mean) / std, got[1], 4);
        Assert.Equal((0.5 - mean) / std, got[2], 4);
    }

    [Fact]
    public void Grpo_normalises_scores_within_each_group_and_a_lone_sample_keeps_its_score()
    {
        using var scope = NewDisposeScope();
        // Scores on the last token: group 7 = {1, 0, 0}, group 9 = {1}.
        var rewards = tensor(new float[,] { { 0, 1 }, { 0, 0 }, { 0, 0 }, { 1, 0 } });
        var mask = tensor(new float[,] { { 1, 1 }, { 1, 1 }, { 1, 0 }, { 1, 0 } });
        var (advantages, returns) = CoreAlgos.GrpoOutcomeAdvantage(rewards, mask, [7, 7, 7, 9]);
        double std = Math.Sqrt(1.0 / 3.0); // unbiased std of {1, 0, 0}
        double high = (2.0 / 3.0) / (std + 1e-6), low = (-1.0 / 3.0) / (std + 1e-6), lone = 1 / (1 + 1e-6);
        AssertClose([high, high, low, low, low, 0, lone, 0], advantages);
        AssertClose(Values(advantages).Select(v => (double)v).ToArray(), returns);
    }

    [Fact]
    public void Clipped_policy_loss_matches_the_closed_form()
    {
        using var scope = NewDisposeScope();
        // ratio 1.5 with A = +1: clipped −1.2 wins; ratio 1.5 with A = −1: unclipped 1.5; ratio 0.5 with A = +1: −0.5.
        var old = Row(0, 0, 0, 0);
        var logp = Row((float)Math.Log(1.5), (float)Math.Log(1.5), (float)Math.Log(0.5), 3f);
        var advantages = Row(1, -1, 1, 1);
        var mask = Row(1, 1, 1, 0);
        var (loss, clipFraction, approxKl) = CoreAlgos.PolicyLoss(old, logp, advantages, mask, 0.2);
        Assert.Equal((-1.2 + 1.5 - 0.5) / 3, loss.item<float>(), 5);
        Assert.Equal(1.0 / 3.0, clipFraction.item<float>(), 5);
        Assert.Equal(-(2 * Math.Log(1.5) + Math.Log(0.5)) / 3, approxKl.item<float>(), 5);
    }

    [Fact]
    public void Entropy_of_uniform_logits_is_log_of_the_vocabulary_size()
    {
        using var scope = NewDisposeScope();
        var entropy = CoreAlgos.EntropyFromLogits(zeros(2, 3, 11));
        AssertClose(Enumerable.Repeat(Math.Log(11), 6).ToArray(), entropy);
        // A two-point distribution p = (0.25, 0.75): H = −0.25 ln 0.25 − 0.75 ln 0.75.
        var twoPoint = CoreAlgos.EntropyFromLogits(tensor(new float[] { 0, (float)Math.Log(3) }).reshape(1, 1, 2));
        Assert.Equal(-0.25 * Math.Log(0.25) - 0.75 * Math.Log(0.75), twoPoint.item<float>(), 5);
    }

    [Fact]
    public void Kl_estimators_match_their_closed_forms_and_low_var_kl_is_clamped()
    {
        using var scope = NewDisposeScope();
        var logp = Row(-1, -2, -30);
        var reference = Row(-1.5f, -1, -5);
        AssertClose([0.5, -1, -25], CoreAlgos.KlPenalty(logp, reference, KlEstimator.K1));
        AssertClose([0.5, 1, 25], CoreAlgos.KlPenalty(logp, reference, KlEstimator.Abs));
        AssertClose([0.125, 0.5, 312.5], CoreAlgos.KlPenalty(logp, reference, KlEstimator.Mse));
        // k3 with d = ref − logp: e^d − d − 1; d = 25 is clamped to 10.
        AssertClose([Math.Exp(-0.5) + 0.5 - 1, Math.E - 2, 10], CoreAlgos.KlPenalty(logp, reference, KlEstimator.LowVarKl));
    }

    [Fact]
    public void Kl_in_the_reward_skips_observation_tokens()
    {
        using var scope = NewDisposeScope();
        var scores = Row(0, 0, 1);
        var (rewards, meanKl) = CoreAlgos.ApplyKlPenalty(
            scores, Row(-1, -1, -1), Row(-2, -3, -4), Row(1, 0, 1), 0.001, KlEstimator.K1);
        AssertClose([-0.001, 0, 1 - 0.003], rewards);
        Assert.Equal(2.0, meanKl.item<float>(), 5);
    }

    [Fact]
    public void Value_loss_takes_the_larger_of_clipped_and_unclipped_errors()
    {
        using var scope = NewDisposeScope();
        // v = 1, v_old = 0, R = 2, c = 0.5: clipped v = 0.5 → (1.5)² = 2.25 beats 1² → 0.5·2.25.
        // v = 0.2, v_old = 0, R = 0: inside the clip range, (0.2)² either way.
        var (loss, clipFraction) = CoreAlgos.ValueLoss(Row(1, 0.2f, 9), Row(2, 0, 0), Row(0, 0, 0), Row(1, 1, 0), 0.5);
        Assert.Equal(0.5 * (2.25 + 0.04) / 2, loss.item<float>(), 5);
        Assert.Equal(0.5, clipFraction.item<float>(), 5);
    }
}

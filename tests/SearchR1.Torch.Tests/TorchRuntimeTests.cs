using SearchR1.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace SearchR1.Torch.Tests;

public class TorchRuntimeTests
{
    [Fact]
    public void A_tiny_module_trains_on_cpu_and_its_loss_falls()
    {
        TorchRuntime.EnsureLoaded();
        torch.manual_seed(7);
        using var scope = torch.NewDisposeScope();

        // Learn y = 3x - 2 with a two-layer MLP: the loss must fall by over 90 % in 200 AdamW steps.
        var x = torch.linspace(-1, 1, 64).reshape(64, 1);
        var y = 3 * x - 2;
        var model = nn.Sequential(nn.Linear(1, 16), nn.Tanh(), nn.Linear(16, 1));
        var optimizer = optim.AdamW(model.parameters(), lr: 0.05);

        double first = 0, last = 0;
        for (int step = 0; step < 200; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(model.call(x), y);
            loss.backward();
            optimizer.step();
            double value = loss.item<float>();
            if (step == 0)
            {
                first = value;
            }
            last = value;
        }
        Assert.True(first > 1.0, $"initial loss {first}");
        Assert.True(last < first * 0.1, $"loss went from {first} to {last}");
    }

    [Fact]
    public void Scaled_dot_product_attention_runs_and_matches_a_manual_softmax()
    {
        TorchRuntime.EnsureLoaded();
        torch.manual_seed(1);
        using var scope = torch.NewDisposeScope();
        var q = torch.randn(1, 2, 5, 8);
        var k = torch.randn(1, 2, 5, 8);
        var v = torch.randn(1, 2, 5, 8);
        var fused = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);
        var mask = torch.ones(5, 5).triu(1).to(ScalarType.Bool);
        var scores = q.matmul(k.transpose(-1, -2)) / Math.Sqrt(8);
        var manual = scores.masked_fill(mask, double.NegativeInfinity).softmax(-1).matmul(v);
        Assert.True(fused.allclose(manual, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void Device_auto_is_cpu_without_an_installed_cuda_libtorch_and_cuda_fails_clearly()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TorchRuntime.LibTorchVariable)))
        {
            return; // on a CUDA machine the other branch applies
        }
        Assert.Equal(DeviceType.CPU, TorchRuntime.ResolveDevice("auto").type);
        var error = Assert.Throws<InvalidOperationException>(() => TorchRuntime.ResolveDevice("cuda"));
        Assert.Contains(TorchRuntime.LibTorchVariable, error.Message);
        Assert.Throws<ArgumentException>(() => TorchRuntime.ResolveDevice("tpu"));
    }
}

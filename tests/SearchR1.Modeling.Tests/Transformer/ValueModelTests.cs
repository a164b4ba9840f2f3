using SearchR1.Modeling.Checkpoints;
using SearchR1.Modeling.SafeTensors;
using SearchR1.Modeling.Transformer;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Tests.Transformer;

public class ValueModelTests
{
    [Fact]
    public void A_critic_built_from_a_policy_folder_shares_its_body_and_saves_as_token_classification_with_one_label()
    {
        using var policy = TinyModels.Create(TinyModels.Qwen, seed: 21);
        string policyFolder = Temp(), criticFolder = Temp();
        try
        {
            HfCheckpoint.Save(policy, policyFolder);
            using var critic = HfCheckpoint.LoadValueModel(policyFolder, headInit: new Generator(3));
            using var scope = NewDisposeScope();
            Tensor ids = tensor(new long[] { 4, 8, 15, 16, 23, 42 }).unsqueeze(0);
            using (no_grad())
            {
                Assert.True(TensorAssert.SameValues(policy.model.Run(ids), critic.model.Run(ids)));
                Tensor values = critic.forward(ids);
                Assert.Equal(new long[] { 1, 6 }, values.shape);
                Assert.Equal(ScalarType.Float32, values.dtype);
                Assert.True(values.abs().sum().item<float>() > 0);
            }

            HfCheckpoint.Save(critic, criticFolder);
            using (var file = SafeTensorsFile.Open(Path.Combine(criticFolder, HfCheckpoint.SingleFile)))
            {
                Assert.Equal([1L, 32L], file.Entries["score.weight"].Shape);
                Assert.Equal([1L], file.Entries["score.bias"].Shape);
                Assert.DoesNotContain("lm_head.weight", file.Entries.Keys);
            }
            string config = File.ReadAllText(Path.Combine(criticFolder, "config.json"));
            Assert.Contains("Qwen2ForTokenClassification", config);
            Assert.Contains("LABEL_0", config);

            using var reloaded = HfCheckpoint.LoadValueModel(criticFolder);
            using (no_grad())
            {
                Assert.True(TensorAssert.SameValues(critic.forward(ids), reloaded.forward(ids)));
            }
        }
        finally
        {
            Directory.Delete(policyFolder, true);
            Directory.Delete(criticFolder, true);
        }
    }

    private static string Temp() => Path.Combine(Path.GetTempPath(), $"searchr1-critic-{Guid.NewGuid():N}");
}

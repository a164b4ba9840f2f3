using System.Text.Json.Nodes;
using SearchR1.Modeling.Checkpoints;
using SearchR1.Modeling.Configuration;
using SearchR1.Modeling.SafeTensors;
using SearchR1.Modeling.Transformer;
using SearchR1.TestSupport;
using static TorchSharp.torch;

namespace SearchR1.Modeling.Tests.Checkpoints;

public class HfCheckpointTests
{
    private static readonly long[] Ids = [5, 9, 13, 40, 22, 7, 31, 2, 60];

    [Theory]
    [InlineData("qwen", HfCheckpoint.DefaultMaxShardBytes)]
    [InlineData("llama", HfCheckpoint.DefaultMaxShardBytes)]
    [InlineData("qwen", 20_000L)]
    [InlineData("llama", 20_000L)]
    public void A_saved_model_loads_back_with_identical_logits_single_file_or_sharded(string family, long maxShardBytes)
    {
        using var model = TinyModels.Create(family == "qwen" ? TinyModels.Qwen : TinyModels.Llama);
        string folder = TempFolder();
        try
        {
            HfCheckpoint.Save(model, folder, new SaveOptions { MaxShardBytes = maxShardBytes });
            bool sharded = maxShardBytes < 1_000_000;
            Assert.Equal(sharded, File.Exists(Path.Combine(folder, HfCheckpoint.IndexFile)));
            Assert.Equal(!sharded, File.Exists(Path.Combine(folder, HfCheckpoint.SingleFile)));
            using var loaded = HfCheckpoint.LoadCausalLanguageModel(folder);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            Tensor input = tensor(Ids).unsqueeze(0);
            Assert.True(TensorAssert.SameValues(model.forward(input), loaded.forward(input)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Tied_embeddings_are_one_parameter_and_are_saved_without_an_lm_head()
    {
        using var model = TinyModels.Create(TinyModels.Qwen);
        Assert.Same(model.model.embed_tokens.weight, model.OutputWeight);
        Assert.True(SharesStorage(model.model.embed_tokens.weight, model.OutputWeight));
        Assert.Equal(WeightMap.For(model).Sum(e => e.Shape.Aggregate(1L, (a, b) => a * b)), model.parameters().Sum(p => p.numel()));
        Assert.DoesNotContain(model.named_parameters(), p => p.name.Contains("lm_head"));
        string folder = TempFolder();
        try
        {
            HfCheckpoint.Save(model, folder);
            using var file = SafeTensorsFile.Open(Path.Combine(folder, HfCheckpoint.SingleFile));
            Assert.DoesNotContain("lm_head.weight", file.Entries.Keys);
            Assert.Contains("model.layers.1.self_attn.k_proj.bias", file.Entries.Keys);
            Assert.Equal([16L, 32L], file.Entries["model.layers.1.self_attn.k_proj.weight"].Shape);
            Assert.Equal([48L, 32L], file.Entries["model.layers.0.mlp.up_proj.weight"].Shape);
            using var loaded = HfCheckpoint.LoadCausalLanguageModel(folder);
            Assert.True(SharesStorage(loaded.model.embed_tokens.weight, loaded.OutputWeight));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Saving_in_bf16_writes_bf16_tensors_and_the_dtype_in_config_and_loads_as_bf16()
    {
        using var model = TinyModels.Create(TinyModels.Llama);
        string folder = TempFolder();
        try
        {
            HfCheckpoint.Save(model, folder, new SaveOptions { DType = ScalarType.BFloat16 });
            var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!;
            Assert.Equal("bfloat16", config["torch_dtype"]!.GetValue<string>());
            using var loaded = HfCheckpoint.LoadCausalLanguageModel(folder);
            Assert.Equal(ScalarType.BFloat16, loaded.ParameterType);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            Tensor expected = model.OutputWeight.to(ScalarType.BFloat16);
            Assert.True(TensorAssert.SameValues(expected, loaded.OutputWeight));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [ConformanceTheory]
    [Conformance]
    [InlineData("qwen2-tiny")]
    [InlineData("llama3-tiny")]
    public void Saving_a_transformers_folder_keeps_its_config_form_and_every_tensor_bit_for_bit(string name)
    {
        foreach (string form in new[] { "5.x", "4.x" })
        {
            string source = HfTinyFixture.Folder(name, form);
            using var model = HfCheckpoint.LoadCausalLanguageModel(source);
            string folder = TempFolder();
            try
            {
                HfCheckpoint.Save(model, folder);
                var original = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(source, "config.json")))!;
                var saved = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!;
                Assert.True(JsonNode.DeepEquals(original, saved), $"{form}: config.json changed:\n{saved}");
                Assert.True(File.Exists(Path.Combine(folder, HfCheckpoint.GenerationConfigFile)));
                using var before = SafeTensorsFile.Open(Path.Combine(source, HfCheckpoint.SingleFile));
                using var after = SafeTensorsFile.Open(Path.Combine(folder, HfCheckpoint.SingleFile));
                Assert.Equal(before.Entries.Keys.Order(), after.Entries.Keys.Order());
                foreach (string key in before.Entries.Keys)
                {
                    using Tensor a = before.Read(key), b = after.Read(key);
                    Assert.True(TensorAssert.SameValues(a, b), key);
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void A_checkpoint_missing_a_tensor_is_refused_with_the_folder_and_the_key()
    {
        using var model = TinyModels.Create(TinyModels.Llama);
        string folder = TempFolder();
        try
        {
            HfCheckpoint.Save(model, folder);
            // Rewrite the file without one tensor.
            string file = Path.Combine(folder, HfCheckpoint.SingleFile);
            var items = WeightMap.For(model).Where(e => e.Key != "model.norm.weight")
                .Select(e => new SafeTensorsWriter.Item(e.Key, ScalarType.Float32, e.Shape, e.View)).ToList();
            SafeTensorsWriter.Write(file, items);
            var error = Assert.Throws<InvalidDataException>(() => HfCheckpoint.LoadCausalLanguageModel(folder));
            Assert.Contains("model.norm.weight", error.Message);
            Assert.Contains(folder, error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_qwen25_3b_shaped_model_built_on_the_meta_device_has_transformers_keys_and_3_09_billion_parameters()
    {
        ModelConfig config = ModelShapes.Get("qwen2.5-3b");
        using var model = new CausalLanguageModel(config, META, ScalarType.BFloat16);
        var entries = WeightMap.For(model);
        Assert.Equal(36 * 12 + 2, entries.Count);
        Assert.Equal(3_085_938_688L, entries.Sum(e => e.Shape.Aggregate(1L, (a, b) => a * b)));
        Assert.Equal(3_085_938_688L, model.parameters().Sum(p => p.numel()));
        Assert.Equal([256L, 2048L], entries.Single(e => e.Key == "model.layers.35.self_attn.v_proj.weight").Shape);
    }

    /// <summary>Writing through one tensor is seen through the other: one parameter, not a copy.</summary>
    private static bool SharesStorage(Tensor a, Tensor b)
    {
        using var noGrad = no_grad();
        float before = b[0, 0].item<float>();
        a[0, 0].add_(1.0f);
        bool shared = Math.Abs(b[0, 0].item<float>() - (before + 1.0f)) < 1e-6;
        a[0, 0].sub_(1.0f);
        return shared;
    }

    private static string TempFolder() => Path.Combine(Path.GetTempPath(), $"searchr1-ckpt-{Guid.NewGuid():N}");
}

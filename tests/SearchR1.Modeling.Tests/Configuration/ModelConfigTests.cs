using System.Text.Json.Nodes;
using SearchR1.Modeling.Configuration;
using SearchR1.TestSupport;

namespace SearchR1.Modeling.Tests.Configuration;

public class ModelConfigTests
{
    [ConformanceTheory]
    [Conformance]
    [InlineData("qwen2-tiny")]
    [InlineData("llama3-tiny")]
    public void The_4x_and_5x_forms_of_a_config_read_the_same(string model)
    {
        var v5 = ModelConfig.Load(SharedData.Path($"fixtures/hf-tiny/{model}/config.json"));
        var v4 = ModelConfig.Load(SharedData.Path($"fixtures/hf-tiny/{model}/config.v4.json"));
        Assert.Equal(Canonical(v5), Canonical(v4));
    }

    [ConformanceFact]
    [Conformance]
    public void The_llama3_fixture_has_llama3_rope_scaling_untied_embeddings_and_no_bias()
    {
        var config = ModelConfig.Load(SharedData.Path("fixtures/hf-tiny/llama3-tiny"));
        Assert.Equal(new RopeScaling("llama3", 8, 1, 4, 128), config.RopeScaling);
        Assert.Equal(500000.0, config.RopeTheta);
        Assert.Equal(16, config.HeadDim);
        Assert.False(config.TieWordEmbeddings);
        Assert.False(config.QkvBias);
        Assert.Equal([2], config.EosTokenIds);
    }

    [ConformanceFact]
    [Conformance]
    public void The_qwen2_fixture_has_qkv_bias_tied_embeddings_and_default_rope()
    {
        var config = ModelConfig.Load(SharedData.Path("fixtures/hf-tiny/qwen2-tiny"));
        Assert.True(config.QkvBias);
        Assert.False(config.OutputBias);
        Assert.True(config.TieWordEmbeddings);
        Assert.Equal("default", config.RopeScaling.Type);
        Assert.Equal(1_000_000.0, config.RopeTheta);
        Assert.Equal(16, config.HeadDim);
        Assert.Empty(config.EosTokenIds);
    }

    [Fact]
    public void A_missing_field_is_reported_with_the_file_and_the_field()
    {
        var json = new JsonObject { ["model_type"] = "qwen2", ["vocab_size"] = 10, ["hidden_size"] = 8, ["num_attention_heads"] = 2 };
        var error = Assert.Throws<InvalidDataException>(() => ModelConfig.Parse(json, "models/x/config.json"));
        Assert.Contains("models/x/config.json", error.Message);
        Assert.Contains("intermediate_size", error.Message);
    }

    [Fact]
    public void An_unsupported_rope_type_or_model_type_is_refused_by_name()
    {
        var json = new JsonObject
        {
            ["model_type"] = "llama", ["hidden_size"] = 8, ["intermediate_size"] = 16, ["num_hidden_layers"] = 1,
            ["num_attention_heads"] = 2, ["vocab_size"] = 10, ["rope_scaling"] = new JsonObject { ["rope_type"] = "yarn", ["factor"] = 4.0 },
        };
        Assert.Contains("yarn", Assert.Throws<NotSupportedException>(() => ModelConfig.Parse(json)).Message);
        json["model_type"] = "mistral";
        Assert.Contains("mistral", Assert.Throws<NotSupportedException>(() => ModelConfig.Parse(json)).Message);
    }

    [Fact]
    public void A_config_built_in_code_is_written_in_the_4x_form_and_reads_back_equal()
    {
        JsonObject json = TinyModels.Llama.ToJson("float32");
        Assert.True(json.ContainsKey("rope_scaling"));
        Assert.True(json.ContainsKey("rope_theta"));
        Assert.Equal("float32", json["torch_dtype"]!.GetValue<string>());
        var back = ModelConfig.Parse(json);
        Assert.Equal(Canonical(TinyModels.Llama with { DType = "float32" }), Canonical(back));
    }

    /// <summary>Every parsed field, as the 4.x-form JSON a config built in code writes (records compare lists by reference).</summary>
    private static string Canonical(ModelConfig config) =>
        (config with { SourceJson = null, GenerationConfigJson = null }).ToJson().ToJsonString();
}

using SearchR1.Demo.Base;
using SearchR1.Demo.Pipeline;
using SearchR1.Demo.World;
using SearchR1.Modeling.Checkpoints;
using SearchR1.Modeling.Tokenization;
using SearchR1.TestSupport;

namespace SearchR1.Demo.Tests.Base;

public sealed class ShippedBaseModelTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("shipped-base");

    private string _folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_recipe_key_survives_its_json_and_compares_by_value()
    {
        var key = new BaseModelRecipeKey(new WorldOptions(), new BaseModelOptions(), new BaseBehaviour(), TopK: DemoOptions.DefaultTopK);

        Assert.Equal(key, BaseModelRecipeKey.FromJson(key.ToJson()));
        Assert.NotEqual(key, key with { World = key.World with { Seed = 8 } });
        Assert.Null(BaseModelRecipeKey.FromJson("not json"));
    }

    [Fact]
    public void The_shipped_base_is_the_default_recipe_and_a_folder_the_real_loaders_read()
    {
        BaseModelRecipeKey? shipped = ShippedBaseModel.Recipe;
        var defaults = new BaseModelRecipeKey(new WorldOptions(), new BaseModelOptions(), new BaseBehaviour(), TopK: DemoOptions.DefaultTopK);

        // `searchr1 demo` with no options uses it: if a default changes, remake it with `searchr1 demo base-model`.
        Assert.Equal(defaults, shipped);
        Assert.True(ShippedBaseModel.TryExtract(defaults, _folder));
        using var model = HfCheckpoint.LoadCausalLanguageModel(_folder);
        Assert.Equal("qwen2", model.Config.ModelType);
        Assert.Equal(defaults.BaseModel.HiddenSize, model.Config.HiddenSize);
        HfTokenizer tokenizer = HfTokenizer.Load(_folder);
        Assert.True(tokenizer.Encode("<think> The question is about Dredaind Grinnan. </think>").Length > 5);
    }

    [Fact]
    public void Any_other_recipe_gets_no_shipped_base()
    {
        var other = new BaseModelRecipeKey(WorldOptions.Fast, BaseModelOptions.Fast, new BaseBehaviour(), TopK: DemoOptions.DefaultTopK);

        Assert.False(ShippedBaseModel.TryExtract(other, _folder));
        Assert.False(Directory.Exists(_folder));
    }
}

using System.Text.Json;
using SearchR1.Demo.World;

namespace SearchR1.Demo.Base;

/// <summary>
/// Everything a base model's weights follow from: the world (its pretraining partition is the text), the model
/// recipe, the behaviour mix and the passages per search. Two runs with equal keys want the same base, so a base
/// made once (the one shipped in this assembly) can stand in for making it again.
/// </summary>
/// <param name="Version">The recipe's code version (<see cref="BaseModelRecipe.Version"/>): options cannot tell that
/// the world generator or the example writer changed, so whoever changes them bumps it.</param>
public sealed record BaseModelRecipeKey(
    WorldOptions World, BaseModelOptions BaseModel, BaseBehaviour Behaviour, int TopK, int Version = BaseModelRecipe.Version)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>Parses a recipe.json; null when it is not one (an older or foreign file).</summary>
    public static BaseModelRecipeKey? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<BaseModelRecipeKey>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.Reflection;

namespace SearchR1.Demo.Base;

/// <summary>
/// The demo's base model as shipped inside this assembly: made once by <c>searchr1 demo base-model</c> (the same
/// <see cref="BaseModelRecipe"/> the demo would run, only longer than a demo can afford: about twenty minutes of
/// pretraining on two cores) and stored as an ordinary Hugging Face folder under <c>BaseModel/</c> with the
/// <c>recipe.json</c> it was made from. The demo uses it when the run asks for exactly that recipe, and makes its
/// own base otherwise (another seed, world size or model size, or <c>--rebuild-base</c>).
/// </summary>
/// <remarks>
/// Why ship it: pretraining is not what the demo shows, RL is; and a base that copies names reliably takes longer
/// to pretrain than the whole ten-minute demo budget. The model is 0.7M parameters (a few megabytes), small enough
/// for the repository, and was trained on the world's pretraining partition only, never on the RL or held-out
/// entities (see <see cref="ExampleTrajectoryWriter"/>).
/// </remarks>
public static class ShippedBaseModel
{
    /// <summary>The file holding the recipe key the shipped weights were made from.</summary>
    public const string RecipeFile = "recipe.json";

    private const string ResourcePrefix = "SearchR1.Demo.BaseModel.";

    /// <summary>The recipe the shipped base was made from, or null if this build ships none.</summary>
    public static BaseModelRecipeKey? Recipe
    {
        get
        {
            using Stream? stream = Open(RecipeFile);
            if (stream is null)
            {
                return null;
            }
            using var reader = new StreamReader(stream);
            return BaseModelRecipeKey.FromJson(reader.ReadToEnd());
        }
    }

    /// <summary>
    /// Writes the shipped base into <paramref name="folder"/> (replacing it) if it was made from
    /// <paramref name="wanted"/>; false, writing nothing, otherwise.
    /// </summary>
    public static bool TryExtract(BaseModelRecipeKey wanted, string folder)
    {
        if (Recipe != wanted)
        {
            return false;
        }
        string staging = folder + ".tmp-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(staging);
        foreach (string name in Assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using Stream source = Assembly.GetManifestResourceStream(name)!;
            using FileStream target = File.Create(Path.Combine(staging, name[ResourcePrefix.Length..]));
            source.CopyTo(target);
        }
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.Move(staging, folder);
        return true;
    }

    private static Assembly Assembly => typeof(ShippedBaseModel).Assembly;

    private static Stream? Open(string file) => Assembly.GetManifestResourceStream(ResourcePrefix + file);
}

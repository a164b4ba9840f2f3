using SearchR1.Torch;

namespace SearchR1.Modeling.Transformer;

/// <summary>Makes sure the native runtime is loaded before a module's base constructor touches TorchSharp.</summary>
internal static class RuntimeGuard
{
    public static string Loaded(string moduleName)
    {
        TorchRuntime.EnsureLoaded();
        return moduleName;
    }
}

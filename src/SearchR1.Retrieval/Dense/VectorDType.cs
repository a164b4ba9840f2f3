namespace SearchR1.Retrieval.Dense;

/// <summary>Element type of stored vectors.</summary>
public enum VectorDType
{
    Float32,
    Float16,
}

/// <summary>Names and sizes of <see cref="VectorDType"/> values.</summary>
public static class VectorDTypes
{
    public static int Size(this VectorDType type) => type == VectorDType.Float16 ? 2 : 4;

    public static string Name(this VectorDType type) => type == VectorDType.Float16 ? "float16" : "float32";

    public static VectorDType Parse(string name) => name.ToLowerInvariant() switch
    {
        "float32" or "fp32" or "f4" => VectorDType.Float32,
        "float16" or "fp16" or "f2" => VectorDType.Float16,
        _ => throw new ArgumentException($"Unknown vector type '{name}': expected float32 or float16.", nameof(name)),
    };
}

using TorchSharp;

namespace SearchR1.Modeling.SafeTensors;

/// <summary>The dtype names of the safetensors format and their TorchSharp scalar types.</summary>
public static class SafeTensorsDType
{
    public static torch.ScalarType ToScalarType(string name) => name switch
    {
        "F32" => torch.ScalarType.Float32,
        "BF16" => torch.ScalarType.BFloat16,
        "F16" => torch.ScalarType.Float16,
        "F64" => torch.ScalarType.Float64,
        "I64" => torch.ScalarType.Int64,
        "I32" => torch.ScalarType.Int32,
        "I16" => torch.ScalarType.Int16,
        "I8" => torch.ScalarType.Int8,
        "U8" => torch.ScalarType.Byte,
        "BOOL" => torch.ScalarType.Bool,
        _ => throw new NotSupportedException($"safetensors dtype \"{name}\" is not supported (expected F32, BF16, F16, F64, I64, I32, I16, I8, U8 or BOOL)."),
    };

    public static string ToName(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float32 => "F32",
        torch.ScalarType.BFloat16 => "BF16",
        torch.ScalarType.Float16 => "F16",
        torch.ScalarType.Float64 => "F64",
        torch.ScalarType.Int64 => "I64",
        torch.ScalarType.Int32 => "I32",
        torch.ScalarType.Int16 => "I16",
        torch.ScalarType.Int8 => "I8",
        torch.ScalarType.Byte => "U8",
        torch.ScalarType.Bool => "BOOL",
        _ => throw new NotSupportedException($"{type} cannot be written to safetensors."),
    };

    public static int ElementSize(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float64 or torch.ScalarType.Int64 => 8,
        torch.ScalarType.Float32 or torch.ScalarType.Int32 => 4,
        torch.ScalarType.BFloat16 or torch.ScalarType.Float16 or torch.ScalarType.Int16 => 2,
        torch.ScalarType.Int8 or torch.ScalarType.Byte or torch.ScalarType.Bool => 1,
        _ => throw new NotSupportedException($"{type} has no safetensors element size."),
    };

    /// <summary>The dtype names config.json uses (<c>torch_dtype</c> / <c>dtype</c>).</summary>
    public static torch.ScalarType FromConfigName(string name) => name switch
    {
        "float32" or "fp32" => torch.ScalarType.Float32,
        "bfloat16" or "bf16" => torch.ScalarType.BFloat16,
        "float16" or "fp16" or "half" => torch.ScalarType.Float16,
        _ => throw new NotSupportedException($"dtype \"{name}\" is not supported (expected float32, bfloat16 or float16)."),
    };

    public static string ToConfigName(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float32 => "float32",
        torch.ScalarType.BFloat16 => "bfloat16",
        torch.ScalarType.Float16 => "float16",
        _ => throw new NotSupportedException($"{type} is not a model dtype (expected float32, bfloat16 or float16)."),
    };
}

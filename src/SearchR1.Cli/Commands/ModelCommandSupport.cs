using System.CommandLine;
using SearchR1.Modeling.Checkpoints;
using SearchR1.Modeling.Tokenization;
using SearchR1.Modeling.Transformer;
using SearchR1.Torch;
using static TorchSharp.torch;

namespace SearchR1.Cli.Commands;

/// <summary>Options shared by the model verbs (model folder, device, dtype) and how they become a loaded model.</summary>
internal static class ModelCommandSupport
{
    public static Option<string> ModelOption() => new("--model", "-m")
    {
        Description = "Hugging Face model folder (config.json + model.safetensors or sharded safetensors).",
        Required = true,
    };

    public static Option<string> DeviceOption() => new("--device")
    {
        Description = "auto (CUDA when SEARCHR1_LIBTORCH names a CUDA libtorch, else CPU), cpu, cuda or cuda:N.",
        DefaultValueFactory = _ => "auto",
    };

    public static Option<string> DTypeOption(string defaultValue) => new("--dtype")
    {
        Description = "Compute and weight dtype: fp32, bf16 or fp16 (auto: fp32 on CPU, bf16 on CUDA).",
        DefaultValueFactory = _ => defaultValue,
    };

    public static ScalarType ResolveDType(string spec, Device device) => spec.ToLowerInvariant() switch
    {
        "auto" => device.type == TorchSharp.DeviceType.CUDA ? ScalarType.BFloat16 : ScalarType.Float32,
        "fp32" or "float32" => ScalarType.Float32,
        "bf16" or "bfloat16" => ScalarType.BFloat16,
        "fp16" or "float16" => ScalarType.Float16,
        _ => throw new ArgumentException($"--dtype {spec}: expected auto, fp32, bf16 or fp16."),
    };

    public static CausalLanguageModel Load(string folder, string deviceSpec, string dtypeSpec)
    {
        Device device = TorchRuntime.ResolveDevice(deviceSpec);
        ScalarType dtype = ResolveDType(dtypeSpec, device);
        return HfCheckpoint.LoadCausalLanguageModel(folder, new ModelLoadOptions { Device = device, DType = dtype, ComputeType = dtype });
    }

    /// <summary>The folder's tokenizer, or null when it ships none.</summary>
    public static HfTokenizer? TryLoadTokenizer(string folder) =>
        File.Exists(Path.Combine(folder, "tokenizer.json")) || File.Exists(Path.Combine(folder, "tokenizer_config.json"))
            || File.Exists(Path.Combine(folder, "vocab.json")) || File.Exists(Path.Combine(folder, "tokenizer.model"))
            ? HfTokenizer.Load(folder)
            : null;

    /// <summary>Runs a verb's body, turning bad input (missing files, malformed values) into one clear line and exit code 1.</summary>
    public static Task<int> Run(string verb, Func<int> body)
    {
        try
        {
            return Task.FromResult(body());
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or InvalidOperationException or NotSupportedException)
        {
            Console.Error.WriteLine($"searchr1 {verb}: {e.Message}");
            return Task.FromResult(1);
        }
    }

    /// <summary>Parses "1,2,3" (spaces allowed) into token ids.</summary>
    public static int[] ParseIds(string text, string option)
    {
        var ids = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, out int id) || id < 0)
            {
                throw new ArgumentException($"{option}: \"{part}\" is not a token id (expected comma-separated non-negative integers, e.g. 1,2,3).");
            }
            ids.Add(id);
        }
        if (ids.Count == 0)
        {
            throw new ArgumentException($"{option}: no token ids given (expected e.g. 1,2,3).");
        }
        return ids.ToArray();
    }
}

using SearchR1.Evaluation.Methods;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SearchR1.Evaluation.Running;

/// <summary>
/// <see cref="EvalOptions"/> from a YAML or JSON file (JSON is YAML): <c>method</c>, <c>top_k</c>, <c>max_turns</c>,
/// <c>max_response_tokens</c>, <c>max_observation_tokens</c>, <c>temperature</c>, <c>seed</c>, <c>batch_size</c>,
/// <c>output_directory</c>. Keys left out keep their defaults; unknown keys are an error naming the key.
/// </summary>
public static class EvalOptionsFile
{
    public static EvalOptions Load(string? path)
    {
        var defaults = new EvalOptions();
        if (path is null)
        {
            return defaults;
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: configuration file not found.", path);
        }
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        Dto dto;
        try
        {
            dto = deserializer.Deserialize<Dto?>(File.ReadAllText(path)) ?? new Dto();
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{path}, line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }
        return defaults with
        {
            Method = dto.Method is null ? defaults.Method : EvalMethods.Parse(dto.Method),
            TopK = dto.TopK ?? defaults.TopK,
            MaxTurns = dto.MaxTurns ?? defaults.MaxTurns,
            MaxResponseTokens = dto.MaxResponseTokens ?? defaults.MaxResponseTokens,
            MaxObservationTokens = dto.MaxObservationTokens ?? defaults.MaxObservationTokens,
            Temperature = dto.Temperature ?? defaults.Temperature,
            Seed = dto.Seed ?? defaults.Seed,
            BatchSize = dto.BatchSize ?? defaults.BatchSize,
            OutputDirectory = dto.OutputDirectory ?? defaults.OutputDirectory,
        };
    }

    private sealed class Dto
    {
        public string? Method { get; set; }

        public int? TopK { get; set; }

        public int? MaxTurns { get; set; }

        public int? MaxResponseTokens { get; set; }

        public int? MaxObservationTokens { get; set; }

        public float? Temperature { get; set; }

        public long? Seed { get; set; }

        public int? BatchSize { get; set; }

        public string? OutputDirectory { get; set; }
    }
}

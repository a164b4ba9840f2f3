using System.Globalization;
using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SearchR1.Training.Configuration;

/// <summary>
/// Reads a <see cref="TrainingConfig"/> from YAML with snake_case keys, applies <c>section.key=value</c>
/// overrides, validates, and writes it back. A top-level <c>preset: ppo|grpo</c> picks the starting defaults.
/// Unknown keys and ill-typed values fail with the file, line, key and what was expected.
/// </summary>
public static class TrainingConfigLoader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .DisableAliases()
        .Build();

    /// <summary>Loads <paramref name="path"/> (null = defaults only), applies overrides and validates.</summary>
    /// <exception cref="TrainingConfigException">With every problem found, one per line.</exception>
    public static TrainingConfig Load(string? path, IEnumerable<string>? overrides = null)
    {
        string source = path ?? "(defaults)";
        string yaml = path is null ? "" : File.ReadAllText(path);
        return Parse(yaml, source, overrides ?? []);
    }

    /// <summary>Parses YAML text; <paramref name="source"/> names it in error messages.</summary>
    public static TrainingConfig Parse(string yaml, string source, IEnumerable<string> overrides)
    {
        var errors = new List<string>();
        YamlMappingNode user = ReadMapping(yaml, source, errors);
        string preset = user.Children.TryGetValue(new YamlScalarNode("preset"), out var presetNode)
            ? ((presetNode as YamlScalarNode)?.Value ?? "") : "ppo";
        user.Children.Remove(new YamlScalarNode("preset"));
        TrainingConfig start = preset switch
        {
            "ppo" => TrainingConfig.Ppo,
            "grpo" => TrainingConfig.Grpo,
            _ => Fail(errors, $"{source}: preset: expected ppo or grpo, got '{preset}'"),
        };

        YamlMappingNode merged = ReadMapping(Serializer.Serialize(start), "(preset)", errors);
        foreach (var (keyNode, valueNode) in user.Children)
        {
            string section = ((YamlScalarNode)keyNode).Value ?? "";
            if (valueNode is not YamlMappingNode sectionNode)
            {
                errors.Add($"{source} line {keyNode.Start.Line}: '{section}' must be a mapping of keys (e.g. {section}:\\n  key: value)");
                continue;
            }
            foreach (var (key, value) in sectionNode.Children)
            {
                Set(merged, section, ((YamlScalarNode)key).Value ?? "", value, $"{source} line {key.Start.Line}", errors);
            }
        }
        foreach (string assignment in overrides)
        {
            int eq = assignment.IndexOf('=');
            string dotted = eq < 0 ? assignment : assignment[..eq];
            int dot = dotted.IndexOf('.');
            if (eq < 0 || dot < 0)
            {
                errors.Add($"--set {assignment}: expected section.key=value (e.g. actor.micro_batch_size=8)");
                continue;
            }
            YamlNode value = ParseValue(assignment[(eq + 1)..]);
            Set(merged, dotted[..dot], dotted[(dot + 1)..], value, $"--set {assignment}", errors);
        }
        if (errors.Count > 0)
        {
            throw new TrainingConfigException(errors);
        }

        var config = Deserializer.Deserialize<TrainingConfig>(WriteNode(merged));
        var invalid = config.Validate().Select(e => $"{source}: {e}").ToList();
        if (invalid.Count > 0)
        {
            throw new TrainingConfigException(invalid);
        }
        return config;
    }

    /// <summary>The configuration as YAML (every key, snake_case): what is written next to each checkpoint.</summary>
    public static string ToYaml(TrainingConfig config) => Serializer.Serialize(config);

    /// <summary>Writes the configuration atomically.</summary>
    public static void Save(TrainingConfig config, string path)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, ToYaml(config));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The snake_case keys of every section, for help texts and error messages.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Keys { get; } = typeof(TrainingConfig)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite)
        .ToDictionary(
            p => Snake(p.Name),
            p => (IReadOnlyList<string>)p.PropertyType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(q => q.CanWrite).Select(q => Snake(q.Name)).ToList());

    private static void Set(YamlMappingNode merged, string section, string key, YamlNode value, string where, List<string> errors)
    {
        PropertyInfo? sectionProperty = typeof(TrainingConfig).GetProperties().FirstOrDefault(p => p.CanWrite && Snake(p.Name) == section);
        if (sectionProperty is null)
        {
            errors.Add($"{where}: unknown section '{section}'; expected one of {string.Join(", ", Keys.Keys)}");
            return;
        }
        PropertyInfo? property = sectionProperty.PropertyType.GetProperties().FirstOrDefault(p => p.CanWrite && Snake(p.Name) == key);
        if (property is null)
        {
            errors.Add($"{where}: unknown key '{section}.{key}'; {section} has {string.Join(", ", Keys[section])}");
            return;
        }
        try
        {
            Deserializer.Deserialize(WriteNode(value), property.PropertyType);
        }
        catch (YamlException)
        {
            errors.Add($"{where}: {section}.{key} expects {Describe(property.PropertyType)}, got '{WriteNode(value).Trim()}'");
            return;
        }
        var sectionNode = (YamlMappingNode)merged.Children[new YamlScalarNode(section)];
        sectionNode.Children[new YamlScalarNode(key)] = value;
    }

    private static YamlMappingNode ReadMapping(string yaml, string source, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return new YamlMappingNode();
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            errors.Add($"{source} line {e.Start.Line}: not valid YAML ({e.Message})");
            return new YamlMappingNode();
        }
        if (stream.Documents.Count == 0)
        {
            return new YamlMappingNode();
        }
        if (stream.Documents[0].RootNode is YamlMappingNode mapping)
        {
            return mapping;
        }
        errors.Add($"{source}: expected a mapping of sections (data:, actor:, rollout:, …) at the top level");
        return new YamlMappingNode();
    }

    private static YamlNode ParseValue(string text)
    {
        if (text.Length == 0)
        {
            return new YamlScalarNode("");
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
            return stream.Documents.Count > 0 ? stream.Documents[0].RootNode : new YamlScalarNode("");
        }
        catch (YamlException)
        {
            return new YamlScalarNode(text);
        }
    }

    private static string WriteNode(YamlNode node)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        string text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static string Describe(Type type) => type == typeof(int) ? "an integer"
        : type == typeof(double) ? "a number"
        : type == typeof(bool) ? "true or false"
        : type == typeof(List<string>) ? "a list of strings ([a, b])"
        : "a string";

    private static string Snake(string name) => UnderscoredNamingConvention.Instance.Apply(name);

    private static TrainingConfig Fail(List<string> errors, string message)
    {
        errors.Add(message);
        return TrainingConfig.Ppo;
    }
}

/// <summary>A configuration that cannot be used; the message lists every problem, one per line.</summary>
public sealed class TrainingConfigException(IReadOnlyList<string> problems)
    : Exception("invalid training configuration:\n  " + string.Join("\n  ", problems))
{
    /// <summary>Each problem.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}

using System.Text.Json.Nodes;
using SearchR1.TestSupport;

namespace SearchR1.Modeling.Tests;

/// <summary>
/// ../shared/fixtures/hf-tiny: two tiny random models saved by transformers 5.17 with reference outputs.
/// The 4.x-form config is exercised by a temporary folder whose config.json is config.v4.json and whose
/// other files link to the fixture's.
/// </summary>
internal static class HfTinyFixture
{
    public static string Folder(string model, string form)
    {
        string source = SharedData.Path($"fixtures/hf-tiny/{model}");
        if (form == "5.x")
        {
            return source;
        }
        string folder = Path.Combine(Path.GetTempPath(), $"searchr1-hf-tiny-v4-{model}-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        foreach (string file in Directory.GetFiles(source))
        {
            string name = Path.GetFileName(file);
            if (name is "config.json" or "config.v4.json")
            {
                continue;
            }
            string link = Path.Combine(folder, name);
            if (!File.Exists(link))
            {
                File.CreateSymbolicLink(link, file);
            }
        }
        File.Copy(Path.Combine(source, "config.v4.json"), Path.Combine(folder, "config.json"), overwrite: true);
        return folder;
    }

    public static JsonObject Reference(string model) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(SharedData.Path($"fixtures/hf-tiny/{model}/reference.json")))!;

    public static int[][] IntRows(JsonNode node) =>
        node.AsArray().Select(r => r!.AsArray().Select(v => v!.GetValue<int>()).ToArray()).ToArray();
}

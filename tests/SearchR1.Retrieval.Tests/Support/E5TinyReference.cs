using System.Text.Json;
using SearchR1.TestSupport;

namespace SearchR1.Retrieval.Tests.Support;

/// <summary>../shared/fixtures/e5-tiny/reference.jsonl: texts (prefix included), their token ids and embeddings from HF + onnxruntime.</summary>
internal static class E5TinyReference
{
    public static string Folder => SharedData.Path("fixtures/e5-tiny");

    public static IReadOnlyList<(string Text, int[] Ids, float[] Embedding)> Load() =>
        File.ReadLines(SharedData.Path("fixtures/e5-tiny/reference.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(r => (
                r.GetProperty("text").GetString()!,
                r.GetProperty("input_ids").EnumerateArray().Select(x => x.GetInt32()).ToArray(),
                r.GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle()).ToArray()))
            .ToList();
}

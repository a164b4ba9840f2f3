using System.Text.Json.Nodes;
using SearchR1.Modeling.Tokenization;

namespace SearchR1.Modeling.Tests.Tokenization;

/// <summary>
/// Writes a small Qwen2-style byte-level BPE folder (vocab.json of the 256 byte symbols, a few merges,
/// special tokens, tokenizer_config.json), the way other parts of the project build tiny tokenizers.
/// </summary>
internal sealed class TinyTokenizerFolder : IDisposable
{
    public TinyTokenizerFolder(IReadOnlyList<(string Left, string Right)> merges, IReadOnlyList<string> specialTokens, string? eos, string? pad = null, string? chatTemplate = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "searchr1-tiny-tokenizer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);

        var vocab = new JsonObject();
        int next = 0;
        for (int b = 0; b < 256; b++)
        {
            vocab[ByteLevelAlphabet.Encode((byte)b).ToString()] = next++;
        }
        foreach ((string left, string right) in merges)
        {
            if (!vocab.ContainsKey(left + right))
            {
                vocab[left + right] = next++;
            }
        }
        var decoder = new JsonObject();
        foreach (string special in specialTokens)
        {
            decoder[next.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["content"] = special,
                ["lstrip"] = false,
                ["normalized"] = false,
                ["rstrip"] = false,
                ["single_word"] = false,
                ["special"] = true,
            };
            next++;
        }
        File.WriteAllText(System.IO.Path.Combine(Path, "vocab.json"), vocab.ToJsonString());
        File.WriteAllLines(System.IO.Path.Combine(Path, "merges.txt"), ["#version: 0.2", .. merges.Select(m => m.Left + " " + m.Right)]);
        var config = new JsonObject
        {
            ["added_tokens_decoder"] = decoder,
            ["eos_token"] = eos,
            ["pad_token"] = pad,
            ["tokenizer_class"] = "Qwen2Tokenizer",
        };
        if (chatTemplate is not null)
        {
            config["chat_template"] = chatTemplate;
        }
        File.WriteAllText(System.IO.Path.Combine(Path, "tokenizer_config.json"), config.ToJsonString());
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}

using SearchR1.Modeling.Tokenization;
using SearchR1.TestSupport;

namespace SearchR1.Modeling.Tests.Tokenization;

/// <summary>
/// The real Qwen2 and Llama 3 tokenizers of ../shared/data/tokenizers, loaded once per test run, in each of the
/// forms real folders ship (tokenizer.json; vocab.json + merges.txt; tiktoken tokenizer.model). The partial
/// folders are assembled in a temporary directory from links to the shared files.
/// </summary>
public static class SharedTokenizers
{
    private static readonly Lazy<HfTokenizer> QwenJson = new(() => HfTokenizer.Load(Folder("qwen2")));
    private static readonly Lazy<HfTokenizer> QwenVocabMerges = new(() =>
        HfTokenizer.Load(PartialFolder("qwen2-vocab-merges", "qwen2", TokenizerFiles.Vocab, TokenizerFiles.Merges, TokenizerFiles.Config)));
    private static readonly Lazy<HfTokenizer> LlamaJson = new(() => HfTokenizer.Load(Folder("llama3")));
    private static readonly Lazy<HfTokenizer> LlamaTiktoken = new(() =>
        HfTokenizer.Load(PartialFolder("llama3-tiktoken", "llama3", TokenizerFiles.TiktokenModel, TokenizerFiles.Config, TokenizerFiles.ChatTemplate)));

    /// <summary>Forms: qwen2 (tokenizer.json), qwen2-vocab-merges, llama3 (tokenizer.json), llama3-tiktoken.</summary>
    public static readonly string[] Forms = ["qwen2", "qwen2-vocab-merges", "llama3", "llama3-tiktoken"];

    public static HfTokenizer Get(string form) => form switch
    {
        "qwen2" => QwenJson.Value,
        "qwen2-vocab-merges" => QwenVocabMerges.Value,
        "llama3" => LlamaJson.Value,
        "llama3-tiktoken" => LlamaTiktoken.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    /// <summary>The family a form belongs to ("qwen2" or "llama3"), i.e. its column in the reference files.</summary>
    public static string Family(string form) => form.StartsWith("qwen2", StringComparison.Ordinal) ? "qwen2" : "llama3";

    public static string Folder(string family) => SharedData.Path("data/tokenizers/" + family);

    private static string PartialFolder(string name, string family, params string[] files)
    {
        string folder = Path.Combine(Path.GetTempPath(), "searchr1-tokenizer-tests-" + Environment.ProcessId, name);
        Directory.CreateDirectory(folder);
        foreach (string file in files)
        {
            // Links, not copies: nothing of ../shared is duplicated, and the folder costs no space.
            string link = Path.Combine(folder, file);
            File.Delete(link);
            File.CreateSymbolicLink(link, Path.Combine(Folder(family), file));
        }
        return folder;
    }
}

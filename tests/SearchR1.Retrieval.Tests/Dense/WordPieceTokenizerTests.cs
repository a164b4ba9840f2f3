using SearchR1.Retrieval.Dense;
using SearchR1.Retrieval.Tests.Support;
using SearchR1.TestSupport;

namespace SearchR1.Retrieval.Tests.Dense;

[Conformance]
public sealed class WordPieceTokenizerTests
{
    [ConformanceFact]
    public void Tokenizer_json_gives_the_hugging_face_ids_of_every_reference_text()
    {
        WordPieceTokenizer tokenizer = WordPieceTokenizer.Load(E5TinyReference.Folder);

        foreach ((string text, int[] ids, _) in E5TinyReference.Load())
        {
            Assert.Equal(ids, tokenizer.Encode(text, maxLength: 256));
        }
    }

    [ConformanceFact]
    public void Vocab_txt_alone_gives_the_same_ids()
    {
        using var folder = new TempFolder();
        File.Copy(Path.Combine(E5TinyReference.Folder, "vocab.txt"), folder.Combine("vocab.txt"));
        WordPieceTokenizer tokenizer = WordPieceTokenizer.Load(folder.Path);

        foreach ((string text, int[] ids, _) in E5TinyReference.Load())
        {
            Assert.Equal(ids, tokenizer.Encode(text, maxLength: 256));
        }
    }
}

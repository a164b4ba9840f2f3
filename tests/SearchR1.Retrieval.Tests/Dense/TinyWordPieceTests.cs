using SearchR1.Retrieval.Dense;
using SearchR1.Retrieval.Tests.Support;

namespace SearchR1.Retrieval.Tests.Dense;

public sealed class TinyWordPieceTests
{
    [Fact]
    public void Accents_are_stripped_punctuation_split_and_unknown_words_become_one_unk()
    {
        using var folder = new TempFolder();
        string[] vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "f", "##uhrer", "<", ">", "/", "div", "istanbul", "cafe", "##s"];
        File.WriteAllLines(folder.Combine("vocab.txt"), vocab);
        WordPieceTokenizer tokenizer = WordPieceTokenizer.Load(folder.Path);

        int[] ids = tokenizer.Encode("Führer </div> İstanbul Cafés xyz 中", maxLength: 64);

        Assert.Equal(["[CLS]", "f", "##uhrer", "<", "/", "div", ">", "istanbul", "cafe", "##s", "[UNK]", "[UNK]", "[SEP]"], ids.Select(i => vocab[i]));
    }

    [Fact]
    public void Max_length_keeps_cls_and_sep_around_the_first_pieces()
    {
        using var folder = new TempFolder();
        File.WriteAllLines(folder.Combine("vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "a", "b"]);
        WordPieceTokenizer tokenizer = WordPieceTokenizer.Load(folder.Path);

        Assert.Equal([2, 4, 5, 4, 3], tokenizer.Encode("a b a b a b", maxLength: 5));
    }
}

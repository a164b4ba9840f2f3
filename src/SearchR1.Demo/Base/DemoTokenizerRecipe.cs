using SearchR1.Demo.Tokenizer;

namespace SearchR1.Demo.Base;

/// <summary>
/// Trains the demo's BPE on its pretraining text. Invented name words count once each (however often the
/// text repeats them), so merges capture the syllables that all names share but never a whole name: a held-out
/// name is then cut into the same kind of pieces as a pretraining name, and copying it is a skill the base
/// has practised rather than a token it has never seen.
/// </summary>
public static class DemoTokenizerRecipe
{
    public static BpeVocabulary Train(IEnumerable<string> texts, IReadOnlySet<string> inventedWords, int vocabularySize)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string text in texts)
        {
            ByteLevelBpeTrainer.Count(text, counts);
        }
        foreach (string piece in counts.Keys.ToList())
        {
            if (inventedWords.Contains(piece.TrimStart(' ', '"', '(', '\n')))
            {
                counts[piece] = 1;
            }
        }
        return ByteLevelBpeTrainer.Train(counts, vocabularySize);
    }
}

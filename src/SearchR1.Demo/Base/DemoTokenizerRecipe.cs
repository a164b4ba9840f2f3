using SearchR1.Demo.Tokenizer;
using SearchR1.Demo.World;

namespace SearchR1.Demo.Base;

/// <summary>
/// Makes the demo's BPE: every name stem one token (" Kato", with its leading space, as names follow a space)
/// and every suffix one token ("ford"), by merges set first in a fixed order, then merges learned from the
/// pretraining text for everything else. So every name, pretraining or held out, is cut the same way, into
/// tokens the base has seen: <see cref="NameParts"/> says why that matters for reading.
/// </summary>
public static class DemoTokenizerRecipe
{
    public static BpeVocabulary Train(IEnumerable<string> texts, NameParts parts, int vocabularySize)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string text in texts)
        {
            ByteLevelBpeTrainer.Count(text, counts);
        }
        // Names are cut by the set merges alone: learned merges must not join a stem to its suffix.
        foreach (string piece in counts.Keys.ToList())
        {
            if (parts.IsNameWord(piece.TrimStart(' ', '"', '(', '\n')))
            {
                counts.Remove(piece);
            }
        }
        return ByteLevelBpeTrainer.Train(counts, vocabularySize, initialMerges: NameMerges(parts));
    }

    /// <summary>
    /// Syllables first (" K" + "a", "t" + "o"), then whole stems (" Ka" + "to"), then each suffix left to right.
    /// Stem merges need the leading space, so they never fire inside a word, where a suffix is.
    /// </summary>
    public static IReadOnlyList<(string Left, string Right)> NameMerges(NameParts parts)
    {
        string space = ByteLevelAlphabet.Encode(" ");
        var merges = new List<(string, string)>();
        foreach (string onset in NameParts.Onsets)
        {
            string capital = onset.ToUpperInvariant();
            merges.Add((space, capital));
            merges.AddRange(NameParts.Vowels.Select(v => (space + capital, v)));
        }
        foreach (string onset in NameParts.Onsets)
        {
            merges.AddRange(NameParts.Vowels.Select(v => (onset, v)));
        }
        foreach (string stem in parts.Stems)
        {
            merges.Add((space + stem[..2], stem[2..]));
        }
        foreach (string suffix in NameParts.AllSuffixes)
        {
            List<string> symbols = ByteLevelBpeTrainer.Apply(
                suffix.Select(c => c.ToString()).ToList(), ByteLevelBpeTrainer.Ranks(merges));
            while (symbols.Count > 1)
            {
                merges.Add((symbols[0], symbols[1]));
                symbols[0] += symbols[1];
                symbols.RemoveAt(1);
            }
        }
        return merges.Distinct().ToList();
    }
}

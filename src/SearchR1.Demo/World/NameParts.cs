namespace SearchR1.Demo.World;

/// <summary>
/// What every invented name is made of: a stem (two consonant-vowel syllables, capitalised) and a suffix from a
/// small fixed set, e.g. "Kato" + "ford". The demo's tokenizer makes each stem and each suffix one token.
/// </summary>
/// <remarks>
/// Why stems and not free syllables: reading an answer out of a passage is copying it, and a small model copies
/// by looking up the token before and taking the one after (an induction head). With names spelt in 70
/// syllables that look-up is ambiguous at every piece ("Ka" begins many names in the same passages), and the copy
/// drifts into another name after its first piece. A name of one stem token and one suffix token is found by its
/// stem, which the context seldom holds twice. Stems are shared across the world's partitions, so a held-out
/// name is a new combination of tokens the base has seen, never a token it has not; whole words stay unique.
/// </remarks>
public sealed class NameParts
{
    public static IReadOnlyList<string> Onsets { get; } = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z"];

    public static IReadOnlyList<string> Vowels { get; } = ["a", "e", "i", "o", "u"];

    public static IReadOnlyList<string> SurnameSuffixes { get; } = ["son", "ez", "ov", "ski", "man", "ley"];

    public static IReadOnlyList<string> CitySuffixes { get; } = ["ford", "ton", "burg", "ville"];

    public static IReadOnlyList<string> CountrySuffixes { get; } = ["ia", "land", "mark", "stan"];

    /// <summary>For the invented word of organisation names ("Katotek Records") and of titles.</summary>
    public static IReadOnlyList<string> CoinageSuffixes { get; } = ["tek", "corp", "dyne", "vox"];

    public static IReadOnlyList<string> AllSuffixes { get; } =
        [.. SurnameSuffixes, .. CitySuffixes, .. CountrySuffixes, .. CoinageSuffixes];

    /// <summary>Characters in a stem: two consonant-vowel syllables.</summary>
    public const int StemLength = 4;

    private readonly HashSet<string> _stems;

    public NameParts(IReadOnlyList<string> stems)
    {
        Stems = stems;
        _stems = stems.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The world's stems, capitalised ("Kato"); every name is a stem + a suffix of its kind.</summary>
    public IReadOnlyList<string> Stems { get; }

    /// <summary>Draws <paramref name="count"/> distinct stems.</summary>
    public static NameParts Draw(Random random, int count, IReadOnlySet<string> reserved)
    {
        var stems = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int possible = Onsets.Count * Vowels.Count * Onsets.Count * Vowels.Count;
        if (count > possible / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"At most {possible / 2} stems can be drawn.");
        }
        while (stems.Count < count)
        {
            string stem = Syllable(random) + Syllable(random);
            stem = char.ToUpperInvariant(stem[0]) + stem[1..];
            if (!reserved.Contains(stem) && seen.Add(stem))
            {
                stems.Add(stem);
            }
        }
        return new NameParts(stems);
    }

    /// <summary>Whether <paramref name="word"/> is a stem, or a stem and one of the suffixes.</summary>
    public bool IsNameWord(string word) =>
        word.Length >= StemLength && _stems.Contains(word[..StemLength]) &&
        (word.Length == StemLength || AllSuffixes.Contains(word[StemLength..]));

    private static string Syllable(Random random) => Onsets[random.Next(Onsets.Count)] + Vowels[random.Next(Vowels.Count)];
}

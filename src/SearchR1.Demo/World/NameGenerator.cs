namespace SearchR1.Demo.World;

/// <summary>
/// Makes pronounceable fictional names from a fixed syllable inventory, never the same word twice.
/// </summary>
/// <remarks>
/// Every name is built from the same small set of syllables, so the tokenizer (trained on pretraining text)
/// cuts an unseen held-out name into pieces the model has seen; what is new is only the combination. Words are
/// unique across the whole world, so a held-out answer can never coincide with a pretraining word.
/// </remarks>
internal sealed class NameGenerator
{
    // A small inventory of consonant-vowel syllables, with a consonant only at a word's end, so that the BPE learns
    // each syllable as one token and a name is two or three tokens. Longer names (an earlier inventory of 20 onsets,
    // 10 vowels and 12 codas anywhere) came out as five to eight pieces, which a half-million-parameter model
    // copies unreliably: every piece is a chance to drift into another name.
    private static readonly string[] Onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z"];

    private static readonly string[] Vowels = ["a", "e", "i", "o", "u"];

    private static readonly string[] Codas = ["", "", "n", "r", "l", "s"];

    private static readonly string[] CountrySuffixes = ["ia", "land", "mark", "stan"];

    private static readonly string[] CitySuffixes = ["", "", "", "ford", "ton", "burg"];

    private readonly Random _random;
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    private readonly HashSet<string> _generated = new(StringComparer.Ordinal);

    public NameGenerator(Random random)
    {
        _random = random;
    }

    /// <summary>Marks words that must not be generated (the fixed vocabulary of the passages and questions).</summary>
    public void Reserve(IEnumerable<string> words)
    {
        foreach (string word in words)
        {
            _used.Add(word);
        }
    }

    public string Word(int minSyllables, int maxSyllables, string suffix = "")
    {
        for (int attempt = 0; ; attempt++)
        {
            string candidate = Compose(_random, _random.Next(minSyllables, maxSyllables + 1), suffix);
            if (candidate.Length >= 4 && _used.Add(candidate))
            {
                _generated.Add(candidate);
                return candidate;
            }
            if (attempt > 10_000)
            {
                throw new InvalidOperationException("The syllable inventory is exhausted: ask for a smaller world.");
            }
        }
    }

    /// <summary>A throwaway word from the same syllables (not reserved, may repeat): copy-drill material.</summary>
    public static string ThrowawayWord(Random random) => Compose(random, random.Next(1, 4), "");

    /// <summary>Consonant-vowel syllables, an optional final consonant, a suffix; capitalised.</summary>
    private static string Compose(Random random, int syllables, string suffix)
    {
        var word = new System.Text.StringBuilder();
        for (int i = 0; i < syllables; i++)
        {
            word.Append(Onsets[random.Next(Onsets.Length)]);
            word.Append(Vowels[random.Next(Vowels.Length)]);
        }
        word.Append(Codas[random.Next(Codas.Length)]);
        word.Append(suffix);
        word[0] = char.ToUpperInvariant(word[0]);
        return word.ToString();
    }

    /// <summary>Every word generated so far.</summary>
    public IReadOnlySet<string> Generated => _generated;

    public string CountryName() => Word(1, 2, CountrySuffixes[_random.Next(CountrySuffixes.Length)]);

    public string CityName() => Word(2, 2, CitySuffixes[_random.Next(CitySuffixes.Length)]);

    public string Surname() => Word(2, 2);

    public string GivenName() => Word(2, 2);
}

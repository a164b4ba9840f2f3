namespace SearchR1.Demo.World;

/// <summary>
/// Makes the world's names from its <see cref="NameParts"/>: a stem and a suffix of the name's kind, never the
/// same word twice.
/// </summary>
internal sealed class NameGenerator
{
    private readonly Random _random;
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _generated = new(StringComparer.Ordinal);

    public NameGenerator(Random random, NameParts parts)
    {
        _random = random;
        Parts = parts;
    }

    public NameParts Parts { get; }

    /// <summary>Every word generated so far.</summary>
    public IReadOnlySet<string> Generated => _generated;

    /// <summary>
    /// A throwaway name word (may repeat) that is none of <paramref name="worldWords"/>: copy-drill material made of
    /// the world's stems and suffixes that never spells one of its names.
    /// </summary>
    public static string ThrowawayWord(Random random, NameParts parts, IReadOnlySet<string> worldWords)
    {
        while (true)
        {
            string stem = parts.Stems[random.Next(parts.Stems.Count)];
            int suffix = random.Next(NameParts.AllSuffixes.Count + 1);
            string word = suffix == NameParts.AllSuffixes.Count ? stem : stem + NameParts.AllSuffixes[suffix];
            if (!worldWords.Contains(word))
            {
                return word;
            }
        }
    }

    public string Surname() => Word(NameParts.SurnameSuffixes);

    public string CityName() => Word(NameParts.CitySuffixes);

    public string CountryName() => Word(NameParts.CountrySuffixes);

    public string Coinage() => Word(NameParts.CoinageSuffixes);

    private string Word(IReadOnlyList<string> suffixes)
    {
        for (int attempt = 0; ; attempt++)
        {
            string word = Parts.Stems[_random.Next(Parts.Stems.Count)] + suffixes[_random.Next(suffixes.Count)];
            if (_used.Add(word))
            {
                _generated.Add(word);
                return word;
            }
            Exhausted(attempt);
        }
    }

    private static void Exhausted(int attempt)
    {
        if (attempt > 10_000)
        {
            throw new InvalidOperationException("The name stems are exhausted: ask for a smaller world or more stems.");
        }
    }
}

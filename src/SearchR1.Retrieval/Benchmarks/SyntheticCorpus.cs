using System.Text;
using SearchR1.Core.Data;

namespace SearchR1.Retrieval.Benchmarks;

/// <summary>
/// A deterministic synthetic corpus for benchmarks: passages of about 100 words drawn with a Zipf-like law from a
/// fixed vocabulary of made-up words (so postings lengths look like real text), titles of two words, in the
/// Search-R1 format. Queries are a few words of a chosen passage, so every query has a right answer. The same
/// seed gives the same corpus and queries on every machine.
/// </summary>
public sealed class SyntheticCorpus
{
    private static readonly string[] Syllables =
        ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "pe", "da", "ro", "li", "ma", "ne", "to", "ga", "be", "zu", "fo", "hi",
         "an", "el", "or", "us", "in", "ter", "shi", "qua", "bri", "sto"];

    private readonly string[] _vocabulary;
    private readonly double[] _cumulative;
    private readonly int _seed;

    public SyntheticCorpus(int vocabularySize = 50_000, int seed = 1234)
    {
        _seed = seed;
        var random = new Random(seed);
        var words = new HashSet<string>(StringComparer.Ordinal);
        var builder = new StringBuilder();
        while (words.Count < vocabularySize)
        {
            builder.Clear();
            int syllables = 2 + random.Next(3);
            for (int s = 0; s < syllables; s++)
            {
                builder.Append(Syllables[random.Next(Syllables.Length)]);
            }
            words.Add(builder.ToString());
        }
        _vocabulary = words.ToArray();
        // Zipf (s = 1): weight of rank r is 1 / r.
        _cumulative = new double[_vocabulary.Length];
        double total = 0;
        for (int r = 0; r < _vocabulary.Length; r++)
        {
            total += 1.0 / (r + 1);
            _cumulative[r] = total;
        }
        for (int r = 0; r < _cumulative.Length; r++)
        {
            _cumulative[r] /= total;
        }
    }

    /// <summary>Passage <paramref name="index"/> (its own random stream, so any passage can be regenerated alone).</summary>
    public CorpusRecord Passage(long index)
    {
        var random = new Random(StreamSeed(index));
        string title = Word(random) + " " + Word(random);
        int length = 80 + random.Next(40);
        var text = new StringBuilder(length * 8);
        for (int w = 0; w < length; w++)
        {
            text.Append(w == 0 ? "" : " ").Append(Word(random));
        }
        return CorpusRecord.FromTitleAndText(index.ToString(System.Globalization.CultureInfo.InvariantCulture), title, text.ToString());
    }

    /// <summary>The first <paramref name="count"/> passages, streamed.</summary>
    public IEnumerable<CorpusRecord> Passages(long count)
    {
        for (long i = 0; i < count; i++)
        {
            yield return Passage(i);
        }
    }

    /// <summary>
    /// <paramref name="count"/> queries of 3 to 6 words, each taken from a passage among the first <paramref name="passages"/>.
    /// The <see cref="StopWordRanks"/> most frequent words are left out, as a real query loses its stop words to the analyzer.
    /// </summary>
    public IReadOnlyList<string> Queries(int count, long passages)
    {
        var random = new Random(_seed ^ 0x5EED);
        var stopWords = new HashSet<string>(_vocabulary.Take(StopWordRanks), StringComparer.Ordinal);
        var queries = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            CorpusRecord passage = Passage(random.NextInt64(passages));
            string[] words = passage.Text.Split(' ').Where(w => !stopWords.Contains(w)).ToArray();
            if (words.Length == 0)
            {
                words = passage.Text.Split(' ');
            }
            int take = 3 + random.Next(4);
            queries.Add(string.Join(' ', Enumerable.Range(0, take).Select(_ => words[random.Next(words.Length)])));
        }
        return queries;
    }

    /// <summary>How many of the most frequent words count as stop words for queries.</summary>
    public const int StopWordRanks = 100;

    // HashCode.Combine is randomised per process; the corpus must be the same on every run, so mix with SplitMix64.
    private int StreamSeed(long index)
    {
        ulong z = unchecked((ulong)_seed * 0x9E3779B97F4A7C15UL + (ulong)index + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }

    private string Word(Random random)
    {
        int rank = Array.BinarySearch(_cumulative, random.NextDouble());
        return _vocabulary[rank < 0 ? Math.Min(~rank, _vocabulary.Length - 1) : rank];
    }
}

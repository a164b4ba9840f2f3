using System.Text.RegularExpressions;

namespace SearchR1.Demo.Tokenizer;

/// <summary>
/// Trains a byte-level BPE vocabulary (GPT-2 / Qwen2 style) from word counts.
/// </summary>
/// <remarks>
/// Why our own trainer: the demo makes its base model from scratch, so it needs a tokenizer of its own, and
/// neither Microsoft.ML.Tokenizers nor anything else in our registry trains BPE (Hugging Face's trainer is
/// Rust/Python). The algorithm is the classic one: split text with the Qwen2 pre-tokenizer regex, map bytes to
/// GPT-2's printable alphabet, then repeatedly merge the most frequent adjacent pair. It is quadratic-ish and
/// meant for the demo's few thousand distinct words, not for web-scale corpora. The output is plain
/// vocab.json + merges.txt, read by the same loader as real Qwen2 checkpoints.
/// </remarks>
public static class ByteLevelBpeTrainer
{
    /// <summary>Qwen2's pre-tokenizer (also in its tokenizer.json): words keep their leading space, digits are single.</summary>
    public const string PreTokenizerPattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    private static readonly Regex PreTokenizer = new(PreTokenizerPattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>Splits text as the Qwen2 pre-tokenizer does (before byte mapping).</summary>
    public static IEnumerable<string> PreTokenize(string text)
    {
        foreach (Match match in PreTokenizer.Matches(text))
        {
            yield return match.Value;
        }
    }

    /// <summary>Adds the pre-tokenized pieces of <paramref name="text"/> to <paramref name="counts"/>.</summary>
    public static void Count(string text, IDictionary<string, long> counts, long weight = 1)
    {
        foreach (string piece in PreTokenize(text))
        {
            counts[piece] = counts.TryGetValue(piece, out long c) ? c + weight : weight;
        }
    }

    /// <summary>
    /// Learns merges until the vocabulary (256 byte symbols + merges) reaches <paramref name="vocabularySize"/>
    /// or no pair occurs at least <paramref name="minPairCount"/> times. Ties break by the pair's text, so the
    /// result depends only on the counts.
    /// </summary>
    /// <param name="initialMerges">Merges (in the byte alphabet) that come first, in this order, before any learned
    /// one: the words are cut with them before counting pairs, as encoding will cut them.</param>
    public static BpeVocabulary Train(
        IReadOnlyDictionary<string, long> wordCounts,
        int vocabularySize,
        long minPairCount = 2,
        IReadOnlyList<(string Left, string Right)>? initialMerges = null)
    {
        var tokens = ByteLevelAlphabet.Characters.Select(c => c.ToString()).ToList();
        var merges = new List<(string Left, string Right)>();
        var known = tokens.ToHashSet(StringComparer.Ordinal);
        foreach (var (left, right) in initialMerges ?? [])
        {
            if (!known.Contains(left) || !known.Contains(right))
            {
                throw new ArgumentException($"Initial merge '{left} {right}' uses a symbol no earlier merge makes.", nameof(initialMerges));
            }
            merges.Add((left, right));
            if (known.Add(left + right))
            {
                tokens.Add(left + right);
            }
        }
        if (tokens.Count > vocabularySize)
        {
            throw new ArgumentOutOfRangeException(nameof(vocabularySize),
                $"The initial merges alone make {tokens.Count} tokens, more than the vocabulary size {vocabularySize}.");
        }
        var ranks = Ranks(merges);
        var words = wordCounts
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (Symbols: Apply(ByteLevelAlphabet.Encode(kv.Key).Select(c => c.ToString()).ToList(), ranks), Count: kv.Value))
            .ToList();

        while (tokens.Count < vocabularySize)
        {
            var pairCounts = new Dictionary<(string, string), long>();
            foreach (var (symbols, count) in words)
            {
                for (int i = 0; i + 1 < symbols.Count; i++)
                {
                    var pair = (symbols[i], symbols[i + 1]);
                    pairCounts[pair] = pairCounts.TryGetValue(pair, out long c) ? c + count : count;
                }
            }
            if (pairCounts.Count == 0)
            {
                break;
            }
            var ((left, right), bestCount) = MostFrequent(pairCounts);
            if (bestCount < minPairCount)
            {
                break;
            }
            string merged = left + right;
            merges.Add((left, right));
            if (known.Add(merged))
            {
                tokens.Add(merged);
            }
            foreach (var (symbols, _) in words)
            {
                for (int i = 0; i + 1 < symbols.Count; i++)
                {
                    if (symbols[i] == left && symbols[i + 1] == right)
                    {
                        symbols[i] = merged;
                        symbols.RemoveAt(i + 1);
                    }
                }
            }
        }
        return new BpeVocabulary(tokens, merges);
    }

    /// <summary>Each merge's rank (its position: lower merges first).</summary>
    public static Dictionary<(string, string), int> Ranks(IReadOnlyList<(string Left, string Right)> merges)
    {
        var ranks = new Dictionary<(string, string), int>();
        for (int i = 0; i < merges.Count; i++)
        {
            ranks.TryAdd((merges[i].Left, merges[i].Right), i);
        }
        return ranks;
    }

    /// <summary>Cuts byte symbols as BPE encoding does: repeatedly merge the adjacent pair of lowest rank.</summary>
    public static List<string> Apply(List<string> symbols, IReadOnlyDictionary<(string, string), int> ranks)
    {
        while (symbols.Count > 1)
        {
            int best = int.MaxValue;
            (string, string) pair = default;
            for (int i = 0; i + 1 < symbols.Count; i++)
            {
                if (ranks.TryGetValue((symbols[i], symbols[i + 1]), out int rank) && rank < best)
                {
                    best = rank;
                    pair = (symbols[i], symbols[i + 1]);
                }
            }
            if (best == int.MaxValue)
            {
                break;
            }
            for (int i = 0; i + 1 < symbols.Count; i++)
            {
                if (symbols[i] == pair.Item1 && symbols[i + 1] == pair.Item2)
                {
                    symbols[i] = pair.Item1 + pair.Item2;
                    symbols.RemoveAt(i + 1);
                }
            }
        }
        return symbols;
    }

    private static ((string Left, string Right) Pair, long Count) MostFrequent(Dictionary<(string, string), long> pairCounts)
    {
        (string, string) best = default;
        long bestCount = -1;
        foreach (var (pair, count) in pairCounts)
        {
            bool better = count > bestCount
                || (count == bestCount && (string.CompareOrdinal(pair.Item1, best.Item1) < 0
                    || (pair.Item1 == best.Item1 && string.CompareOrdinal(pair.Item2, best.Item2) < 0)));
            if (better)
            {
                best = pair;
                bestCount = count;
            }
        }
        return (best, bestCount);
    }
}

using SearchR1.Core.Data;

namespace SearchR1.Evaluation.Running;

/// <summary>
/// The questions of a run: every file through core's reader (Search-R1 parquet with its seven sources, FlashRAG
/// jsonl, JSON lists of {question, answer}; <c>data_source</c> from the file name where rows have none), then
/// at most <c>limit</c> per data source, the first ones in file order.
/// </summary>
public static class EvalData
{
    public static async Task<IReadOnlyList<QaExample>> LoadAsync(
        IReadOnlyList<string> files, int? limit, CancellationToken cancellationToken = default)
    {
        if (files.Count == 0)
        {
            throw new ArgumentException("No data file given (--data FILE…).", nameof(files));
        }
        var all = new List<QaExample>();
        foreach (string file in files)
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"{file}: data file not found.", file);
            }
            all.AddRange(await QaDatasetReader.ReadAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        return Limit(all, limit);
    }

    /// <summary>The first <paramref name="limit"/> examples of each data source, order kept.</summary>
    public static IReadOnlyList<QaExample> Limit(IReadOnlyList<QaExample> examples, int? limit)
    {
        if (limit is not int n)
        {
            return examples;
        }
        var taken = new Dictionary<string, int>();
        var kept = new List<QaExample>();
        foreach (QaExample example in examples)
        {
            int count = taken.GetValueOrDefault(example.DataSource);
            if (count < n)
            {
                kept.Add(example);
                taken[example.DataSource] = count + 1;
            }
        }
        return kept;
    }
}

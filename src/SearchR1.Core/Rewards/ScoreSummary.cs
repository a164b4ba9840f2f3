namespace SearchR1.Core.Rewards;

/// <summary>Running means of EM, sub-EM, F1 (and the format score when present), overall and per data source.</summary>
public sealed class ScoreSummary
{
    private readonly Dictionary<string, Totals> _bySource = new(StringComparer.Ordinal);

    public Totals Overall { get; } = new();

    /// <summary>Per data source, in first-seen order (empty when no record names one).</summary>
    public IReadOnlyDictionary<string, Totals> BySource => _bySource;

    public void Add(AnswerScore score, string? dataSource)
    {
        Overall.Add(score);
        if (dataSource is not null)
        {
            if (!_bySource.TryGetValue(dataSource, out Totals? totals))
            {
                totals = new Totals();
                _bySource[dataSource] = totals;
            }
            totals.Add(score);
        }
    }

    /// <summary>Sums and means of one group of records.</summary>
    public sealed class Totals
    {
        private double _em;
        private double _subEm;
        private double _f1;
        private double _format;

        public int Count { get; private set; }

        /// <summary>Records that carried a format score.</summary>
        public int FormatCount { get; private set; }

        public double MeanExactMatch => Count == 0 ? 0 : _em / Count;

        public double MeanSubstringExactMatch => Count == 0 ? 0 : _subEm / Count;

        public double MeanTokenF1 => Count == 0 ? 0 : _f1 / Count;

        public double? MeanFormatScore => FormatCount == 0 ? null : _format / FormatCount;

        internal void Add(AnswerScore score)
        {
            Count++;
            _em += score.ExactMatch;
            _subEm += score.SubstringExactMatch;
            _f1 += score.TokenF1;
            if (score.Format is not null)
            {
                FormatCount++;
                _format += score.Format.Score;
            }
        }
    }
}

using System.Globalization;

namespace SearchR1.Core.Rewards;

/// <summary>
/// The three weights of Search-R1's format reward (<c>qa_em_format.py</c>): structure format score (sfs, for a
/// valid format), final format score (ffs, a wrong answer in an invalid format) and retrieval score (rs, a valid
/// format whose retrieved information holds a gold answer). Defaults are v0.3's: 0.2, 0.1, 0.
/// </summary>
public sealed record FormatRewardWeights(
    double StructureFormatScore = 0.2,
    double FinalFormatScore = 0.1,
    double RetrievalScore = 0.0)
{
    /// <summary>Parses "SFS,FFS,RS", e.g. "0.2,0.1,0.1" (invariant culture).</summary>
    public static FormatRewardWeights Parse(string text)
    {
        string[] parts = text.Split(',');
        var values = new double[3];
        bool ok = parts.Length == 3;
        for (int i = 0; ok && i < 3; i++)
        {
            ok = double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]);
        }
        if (!ok)
        {
            throw new FormatException(
                $"Format-reward weights '{text}': expected three numbers SFS,FFS,RS such as 0.2,0.1,0.0.");
        }
        return new FormatRewardWeights(values[0], values[1], values[2]);
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"{StructureFormatScore},{FinalFormatScore},{RetrievalScore}");
}

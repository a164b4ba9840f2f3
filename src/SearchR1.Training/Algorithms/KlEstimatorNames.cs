namespace SearchR1.Training.Algorithms;

/// <summary>verl's names of the KL estimators (kl, abs, mse, low_var_kl) and back.</summary>
public static class KlEstimatorNames
{
    /// <summary>The estimator called <paramref name="name"/> in configuration files.</summary>
    public static KlEstimator Parse(string name) => name switch
    {
        "kl" or "k1" => KlEstimator.K1,
        "abs" => KlEstimator.Abs,
        "mse" => KlEstimator.Mse,
        "low_var_kl" or "k3" => KlEstimator.LowVarKl,
        _ => throw new ArgumentException($"unknown KL estimator '{name}': expected kl, abs, mse or low_var_kl", nameof(name)),
    };
}

namespace MedTechAccounts.Analytics.Clv;

/// <summary>A fitted model of repeat purchases in a non-contractual setting (BG/NBD or Pareto/NBD).</summary>
public interface IRepeatPurchaseModel
{
    /// <summary>"bgnbd" or "paretonbd".</summary>
    string ModelName { get; }

    /// <summary>The parameters named as in the papers.</summary>
    IReadOnlyDictionary<string, double> ToDictionary();

    /// <summary>P(alive at T | x, t_x, T).</summary>
    double ProbabilityAlive(double frequency, double recency, double t);

    /// <summary>E[Y(horizon) | x, t_x, T]: expected transactions in (T, T + horizon].</summary>
    double ConditionalExpectedTransactions(double frequency, double recency, double t, double horizon);

    /// <summary>E[X(horizon)]: expected transactions of a new customer in (0, horizon].</summary>
    double ExpectedTransactions(double horizon);
}

internal static class ModelGuards
{
    public static void Horizon(double horizon)
    {
        if (!(horizon >= 0) || !double.IsFinite(horizon))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The horizon must be a finite non-negative number.");
        }
    }

    public static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"Parameter {name} must be a positive finite number.");
        }
    }
}

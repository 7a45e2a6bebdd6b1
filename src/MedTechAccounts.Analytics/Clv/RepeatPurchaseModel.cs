namespace MedTechAccounts.Analytics.Clv;

/// <summary>A fitted model of repeat purchases in a non-contractual setting (BG/NBD, Pareto/NBD, MBG/NBD, MBG/CNBD-k, NBD, the shrunk naive rate).</summary>
public interface IRepeatPurchaseModel
{
    /// <summary>The model's name: "bgnbd", "paretonbd", "mbgnbd", "mbgcnbd", "nbd" or "naive".</summary>
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

/// <summary>
/// A model that gives E[Y(h) | x, t_x, T] for many horizons at once, sharing the work that does not depend on h
/// (the same values as one call per horizon).
/// </summary>
public interface IRepeatPurchasePath
{
    void ConditionalExpectedTransactions(double frequency, double recency, double t, ReadOnlySpan<double> horizons, Span<double> expected);
}

/// <summary>The one place a repeat-purchase model is built again from its name and parameters (stored fits, the command line).</summary>
public static class RepeatPurchaseModels
{
    /// <summary>
    /// The model <paramref name="model"/> with the parameters <paramref name="parameter"/> gives by the names
    /// <see cref="IRepeatPurchaseModel.ToDictionary"/> uses (k of MBG/CNBD-k rounded to a whole number).
    /// </summary>
    public static IRepeatPurchaseModel FromParameters(string model, Func<string, double> parameter) => model switch
    {
        BgNbd.Name => new BgNbdParameters(parameter("r"), parameter("alpha"), parameter("a"), parameter("b")),
        MbgNbd.Name => new MbgNbdParameters(parameter("r"), parameter("alpha"), parameter("a"), parameter("b")),
        MbgCnbd.Name => new MbgCnbdParameters((int)Math.Round(parameter("k")), parameter("r"), parameter("alpha"), parameter("a"), parameter("b")),
        ParetoNbd.Name => new ParetoNbdParameters(parameter("r"), parameter("alpha"), parameter("s"), parameter("beta")),
        Nbd.Name => new NbdParameters(parameter("r"), parameter("alpha")),
        NaiveShrinkage.Name => new NaiveShrinkageParameters(parameter("r"), parameter("alpha")),
        _ => throw new ArgumentException($"'{model}' is not a repeat-purchase model.", nameof(model)),
    };
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

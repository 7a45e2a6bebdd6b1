namespace MedTechAccounts.Core.Domain;

/// <summary>
/// One portfolio fit of the lifetime-value models (DESIGN 4.1, 4.5): the parameters, how well they
/// fit, the data window they saw and the calibration/holdout backtest, so every CLV shown can name
/// the fit it came from.
/// </summary>
public class ClvFit : Entity
{
    public DateTime FittedAt { get; set; }

    /// <summary>First and last order date the repeat-purchase model saw.</summary>
    public DateOnly DataFrom { get; set; }
    public DateOnly DataTo { get; set; }

    /// <summary>Accounts in the fit (customers with at least one order).</summary>
    public int Accounts { get; set; }

    /// <summary>Repeat-purchase model name (bgnbd or paretonbd) and its parameters as JSON, named as in the papers.</summary>
    public string RepeatModel { get; set; } = "";
    public string RepeatParameters { get; set; } = "{}";
    public double RepeatLogLikelihood { get; set; }
    public bool RepeatConverged { get; set; }

    /// <summary>Gamma-Gamma spend parameters as JSON; null when too few repeat buyers.</summary>
    public string? SpendParameters { get; set; }

    /// <summary>Shifted-beta-geometric contract retention parameters as JSON; null without renewal history.</summary>
    public string? RetentionParameters { get; set; }

    /// <summary>Calibration/holdout backtest as JSON (buckets of predicted vs actual orders), and its mean absolute error.</summary>
    public string? Backtest { get; set; }
    public double? BacktestMeanAbsoluteError { get; set; }

    public long ElapsedMs { get; set; }
}

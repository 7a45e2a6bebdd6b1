using MedTechAccounts.Analytics.Clv;
using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Scoring;

/// <summary>
/// Configuration section <c>Scoring</c>: the signals' thresholds (<c>Scoring:Signals:*</c>, see
/// <see cref="SignalSettings"/>), the lifetime-value horizon, discount rate and margins, and how
/// often the recompute worker and the refit run.
/// </summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    public SignalSettings Signals { get; set; } = new();

    public double HorizonYears { get; set; } = 5;

    public double AnnualDiscountRate { get; set; } = 0.10;

    /// <summary>Gross margin per product category (fractions of revenue).</summary>
    public Dictionary<ProductCategory, double> Margins { get; set; } = new()
    {
        [ProductCategory.Capital] = 0.45,
        [ProductCategory.Consumable] = 0.60,
        [ProductCategory.ServiceContract] = 0.50,
        [ProductCategory.Software] = 0.70,
    };

    /// <summary>Weeks of order history held out to backtest each refit.</summary>
    public int BacktestHoldoutWeeks { get; set; } = 39;

    /// <summary>Whether the web app runs the background recompute (tests switch it off to watch the marks).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often the worker looks for stale accounts.</summary>
    public double StalePollSeconds { get; set; } = 2;

    /// <summary>The worker's poll interval (at least 0.2 s).</summary>
    public TimeSpan StalePollInterval() => TimeSpan.FromSeconds(Math.Max(0.2, StalePollSeconds));

    /// <summary>/health/ready fails when the worker's last successful round is older than this many poll intervals.</summary>
    public double WorkerHealthyWithinPolls { get; set; } = 30;

    /// <summary>Accounts read and scored together (one set of queries, one save).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>UTC time of day of the scheduled refit and full recompute; empty turns it off.</summary>
    public string? RefitAtUtc { get; set; } = "02:00";

    /// <summary>Days after a task is done at which the change of its signals is recorded.</summary>
    public int TaskEffectDays { get; set; } = 90;

    internal ClvSettings ClvSettings(DateOnly asOf, double repeatMargin) =>
        new(asOf, new ClvMargins(repeatMargin, Margins.GetValueOrDefault(ProductCategory.ServiceContract, 0.5), Margins.GetValueOrDefault(ProductCategory.Capital, 0.45)))
        {
            HorizonYears = HorizonYears,
            AnnualDiscountRate = AnnualDiscountRate,
            // Monthly discounting of expected repeat purchases: within a fraction of a percent of
            // weekly steps, at a quarter of the model evaluations per account.
            DiscountStepsPerYear = 12,
        };
}

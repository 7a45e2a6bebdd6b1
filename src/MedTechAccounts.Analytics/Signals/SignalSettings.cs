namespace MedTechAccounts.Analytics.Signals;

/// <summary>
/// Thresholds, windows and norms of the nine signals. The defaults are the product's; the web
/// app binds overrides from configuration (section <c>Signals</c>) and documents them in the README.
/// </summary>
public sealed record SignalSettings
{
    /// <summary>Expected days between touches per segment; the engagement-recency score falls once this is exceeded.</summary>
    public IReadOnlyDictionary<string, int> CadenceDays { get; init; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["Academic"] = 14, ["Community"] = 21, ["ASC"] = 30, ["Clinic"] = 45,
    };

    /// <summary>Used when the segment has no norm of its own.</summary>
    public int DefaultCadenceDays { get; init; } = 30;

    /// <summary>At this many cadence periods without a touch the recency score reaches 0.</summary>
    public double RecencyZeroAtCadences { get; init; } = 4;

    /// <summary>Purchases and installs looked at by post-sale silence.</summary>
    public int PostSaleWindowDays { get; init; } = 180;

    /// <summary>Days after a purchase or install in which someone should have been in touch.</summary>
    public int PostSaleTouchDays { get; init; } = 30;

    /// <summary>Interactions looked at by rep dependency.</summary>
    public int RepDependencyWindowDays { get; init; } = 365;

    /// <summary>Dependency (mean of the Herfindahl index and the share of single-rep contacts) up to which the score stays 100.</summary>
    public double RepDependencyTolerated { get; init; } = 0.45;

    /// <summary>Touches looked at by influencer coverage.</summary>
    public int CoverageWindowDays { get; init; } = 180;

    /// <summary>Incidents looked at by service experience.</summary>
    public int ServiceWindowDays { get; init; } = 365;

    /// <summary>First-response targets in hours per severity (DESIGN: Critical 4, Major 24, Minor 72).</summary>
    public IReadOnlyDictionary<SeverityFact, double> FirstResponseHours { get; init; } = new Dictionary<SeverityFact, double>
    {
        [SeverityFact.Critical] = 4, [SeverityFact.Major] = 24, [SeverityFact.Minor] = 72,
    };

    /// <summary>Resolution targets in hours per severity.</summary>
    public IReadOnlyDictionary<SeverityFact, double> ResolutionHours { get; init; } = new Dictionary<SeverityFact, double>
    {
        [SeverityFact.Critical] = 24, [SeverityFact.Major] = 72, [SeverityFact.Minor] = 240,
    };

    /// <summary>Two incidents on one device within this many days count as a repeat.</summary>
    public int RepeatIncidentDays { get; init; } = 90;

    /// <summary>Points taken off the service score per open critical incident and per repeat incident.</summary>
    public double OpenCriticalPenalty { get; init; } = 25;

    public double RepeatIncidentPenalty { get; init; } = 5;

    /// <summary>An order is discount-bought when placed in the last days of a fiscal quarter above this discount.</summary>
    public int QuarterEndDays { get; init; } = 14;

    public double DiscountThreshold { get; init; } = 0.20;

    /// <summary>Discount-bought share of revenue at which the score reaches 0.</summary>
    public double DiscountShareZero { get; init; } = 0.5;

    /// <summary>First month of the fiscal year (1 = January); the web app and CLI set it from <c>Fiscal:StartMonth</c>.</summary>
    public int FiscalYearStartMonth { get; init; } = 1;

    /// <summary>Devices this close to the end of their service life are at risk.</summary>
    public int EndOfLifeMonths { get; init; } = 12;

    /// <summary>Warranties and contracts ending this soon, unrenewed, are at risk.</summary>
    public int ExpiryDays { get; init; } = 90;

    /// <summary>Recent window of voice of the customer (sentiment), compared with the year before it.</summary>
    public int SentimentRecentDays { get; init; } = 90;

    /// <summary>Surveys looked at (NPS).</summary>
    public int SurveyWindowDays { get; init; } = 365;

    /// <summary>A stated problem needs a later touch within this many days.</summary>
    public int ProblemFollowUpDays { get; init; } = 30;

    /// <summary>Points taken off per stated problem without a follow-up (at most 4 count).</summary>
    public double UnfollowedProblemPenalty { get; init; } = 10;

    /// <summary>A fall of expected orders by more than this share against the previous fit lowers purchase vitality.</summary>
    public double ExpectedOrdersFallTolerated { get; init; } = 0.2;

    public int CadenceFor(string segment) => CadenceDays.TryGetValue(segment, out var days) ? days : DefaultCadenceDays;
}

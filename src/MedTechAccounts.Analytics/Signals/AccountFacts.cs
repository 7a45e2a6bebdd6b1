namespace MedTechAccounts.Analytics.Signals;

/// <summary>
/// Everything the loyalty signals read about one account, as of one moment. The database side
/// builds it (one account after a logged visit, or the whole portfolio in a recompute); the
/// signals themselves never touch a database.
/// </summary>
public sealed record AccountFacts
{
    /// <summary>The moment the signals describe (UTC).</summary>
    public required DateTime AsOf { get; init; }

    /// <summary>Segment name (Academic, Community, ASC, Clinic): picks the contact-cadence norm.</summary>
    public required string Segment { get; init; }

    /// <summary>When the account was created; a brand-new account is not "silent".</summary>
    public required DateTime CustomerSince { get; init; }

    public IReadOnlyList<TouchFact> Touches { get; init; } = [];

    public IReadOnlyList<ContactFact> Contacts { get; init; } = [];

    public IReadOnlyList<DeviceFact> Devices { get; init; } = [];

    public IReadOnlyList<IncidentFact> Incidents { get; init; } = [];

    public IReadOnlyList<OrderFact> Orders { get; init; } = [];

    public IReadOnlyList<ContractFact> Contracts { get; init; } = [];

    public IReadOnlyList<SurveyFact> Surveys { get; init; } = [];

    /// <summary>From the CLV models; null until the portfolio has been fitted.</summary>
    public PurchaseOutlook? Outlook { get; init; }
}

/// <summary>One interaction: when, by whom, whom they met, the mood and the problems the customer stated.</summary>
public sealed record TouchFact(DateTime OccurredAt, string Rep, IReadOnlyList<Guid> ContactIds, int Sentiment, int ProblemsStated, string Type = "Visit");

public enum ContactRoleFact { Clinician, Nursing, Biomed, Purchasing, Executive, IT }

public enum InfluenceFact { DecisionMaker, Influencer, User }

public sealed record ContactFact(Guid Id, string Name, ContactRoleFact Role, InfluenceFact Influence);

/// <summary>
/// An installed device that is still in use. <c>Competitor</c> is set for a competitor's device;
/// <c>EndOfServiceLife</c> is install date plus the product's service life.
/// </summary>
public sealed record DeviceFact(
    string Product,
    string Family,
    string SerialNumber,
    DateOnly InstallDate,
    DateOnly? EndOfServiceLife,
    DateOnly? WarrantyEnd,
    DateOnly? ContractEnd,
    string? Competitor);

public enum SeverityFact { Critical, Major, Minor }

/// <summary>A service incident; <c>Device</c> (serial number) groups repeat incidents.</summary>
public sealed record IncidentFact(
    string Device,
    DateTime OpenedAt,
    SeverityFact Severity,
    DateTime? FirstResponseAt,
    DateTime? ResolvedAt,
    bool AfterHours);

/// <summary>One order, its lines summed: list and net amount (the discount is their difference).</summary>
public sealed record OrderFact(DateOnly OrderDate, decimal ListAmount, decimal NetAmount, string Type);

/// <summary>A service contract; <c>Renewed</c> is true when a later contract renews it.</summary>
public sealed record ContractFact(DateOnly Start, DateOnly End, decimal AnnualValue, bool Renewed);

public sealed record SurveyFact(DateOnly Date, int Nps);

/// <summary>
/// The repeat-purchase model's view of the account: P(alive), expected orders in the next year,
/// and the same expectation from the previous fit (null when there is none) for the trend.
/// </summary>
public sealed record PurchaseOutlook(double PAlive, double ExpectedOrdersNextYear, double? PreviousExpectedOrders);

using MedTechAccounts.Analytics.Signals;

namespace MedTechAccounts.Core.Domain;

/// <summary>
/// The health-score weights in percent (DESIGN 4.2), one row that administrators edit like a
/// scorecard; they must add up to 100.
/// </summary>
public class ScorecardWeights : EditableEntity
{
    /// <summary>The single row's id.</summary>
    public static readonly Guid SingletonId = new("5c0e3ca2-d000-4000-8000-000000000001");

    public int EngagementRecency { get; set; } = 10;
    public int PostSaleSilence { get; set; } = 10;
    public int RepDependency { get; set; } = 10;
    public int InfluencerCoverage { get; set; } = 10;
    public int ServiceExperience { get; set; } = 15;
    public int DiscountDependency { get; set; } = 10;
    public int InstallBaseRisk { get; set; } = 10;
    public int VoiceOfCustomer { get; set; } = 15;
    public int PurchaseVitality { get; set; } = 10;

    /// <summary>The scorecard these weights make, with the tier rules beside them (none: the defaults).</summary>
    public Scorecard ToScorecard(ScorecardRules? rules = null) => new Scorecard(new Dictionary<SignalKind, int>
    {
        [SignalKind.EngagementRecency] = EngagementRecency,
        [SignalKind.PostSaleSilence] = PostSaleSilence,
        [SignalKind.RepDependency] = RepDependency,
        [SignalKind.InfluencerCoverage] = InfluencerCoverage,
        [SignalKind.ServiceExperience] = ServiceExperience,
        [SignalKind.DiscountDependency] = DiscountDependency,
        [SignalKind.InstallBaseRisk] = InstallBaseRisk,
        [SignalKind.VoiceOfCustomer] = VoiceOfCustomer,
        [SignalKind.PurchaseVitality] = PurchaseVitality,
    }) with { Rules = (rules ?? new ScorecardRules()).ToRules() };
}

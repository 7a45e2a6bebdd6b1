using MedTechAccounts.Analytics.Signals;

namespace MedTechAccounts.Core.Domain;

/// <summary>
/// The health-score weights in percent (DESIGN 4.2), one row that administrators edit like a
/// scorecard; they must add up to 100.
/// </summary>
public class ScorecardWeights : EditableEntity, IScorecardWeights
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
    public Scorecard ToScorecard(ScorecardRules? rules = null) => new Scorecard(this.Weights()) with { Rules = (rules ?? new ScorecardRules()).ToRules() };
}

/// <summary>The nine weights, as stored and as the scorecard form edits them.</summary>
public interface IScorecardWeights
{
    int EngagementRecency { get; }
    int PostSaleSilence { get; }
    int RepDependency { get; }
    int InfluencerCoverage { get; }
    int ServiceExperience { get; }
    int DiscountDependency { get; }
    int InstallBaseRisk { get; }
    int VoiceOfCustomer { get; }
    int PurchaseVitality { get; }
}

public static class ScorecardWeightsExtensions
{
    /// <summary>Each signal's weight in percent.</summary>
    public static IReadOnlyDictionary<SignalKind, int> Weights(this IScorecardWeights w) => new Dictionary<SignalKind, int>
    {
        [SignalKind.EngagementRecency] = w.EngagementRecency,
        [SignalKind.PostSaleSilence] = w.PostSaleSilence,
        [SignalKind.RepDependency] = w.RepDependency,
        [SignalKind.InfluencerCoverage] = w.InfluencerCoverage,
        [SignalKind.ServiceExperience] = w.ServiceExperience,
        [SignalKind.DiscountDependency] = w.DiscountDependency,
        [SignalKind.InstallBaseRisk] = w.InstallBaseRisk,
        [SignalKind.VoiceOfCustomer] = w.VoiceOfCustomer,
        [SignalKind.PurchaseVitality] = w.PurchaseVitality,
    };
}

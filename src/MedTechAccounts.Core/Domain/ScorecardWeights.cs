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
}

namespace MedTechAccounts.Core.Domain;

/// <summary>The materialised read model: an account's signals, health and CLV as of one date.</summary>
public class AccountScore : Entity, IAccountOwned
{
    public Guid AccountId { get; set; }
    public Account? Account { get; set; }
    public DateOnly AsOf { get; set; }
    public double HealthScore { get; set; }
    public RiskTier RiskTier { get; set; }
    public decimal Clv { get; set; }
    public decimal ClvRepeat { get; set; }
    public decimal ClvContracts { get; set; }
    public decimal ClvReplacement { get; set; }
    public double PAlive { get; set; }

    /// <summary>Expected orders in the next year from the repeat-purchase model; the next fit's trend compares with it.</summary>
    public double ExpectedOrders { get; set; }

    /// <summary>The portfolio fit the CLV came from; null before the first fit.</summary>
    public Guid? ClvFitId { get; set; }
    public ClvFit? ClvFit { get; set; }

    /// <summary>When the score was computed (a same-day recompute replaces the day's snapshot).</summary>
    public DateTime ComputedAt { get; set; }

    /// <summary>
    /// Computed afterwards by a backfill (<c>medtech recompute --backfill</c>) from the facts dated on or before
    /// <see cref="AsOf"/> and a CLV fit on the data up to that day, not live on that day. A backfill replaces only
    /// its own snapshots; a live one is never overwritten. Backfilled snapshots carry no <see cref="ClvFitId"/>:
    /// their fit is not stored, so it can never become the fit of live scores.
    /// </summary>
    public bool Backfilled { get; set; }

    public double EngagementRecency { get; set; }
    public double PostSaleSilence { get; set; }
    public double RepDependency { get; set; }
    public double InfluencerCoverage { get; set; }
    public double ServiceExperience { get; set; }
    public double DiscountDependency { get; set; }
    public double InstallBaseRisk { get; set; }
    public double VoiceOfCustomer { get; set; }
    public double PurchaseVitality { get; set; }

    /// <summary>JSON: per signal its raw value and reason sentence.</summary>
    public string SignalDetails { get; set; } = "{}";
    public string TopReason { get; set; } = "";

    /// <summary>What decided the tier: the health score, or the tier rule that made it worse (the rule's sentence).</summary>
    public string TierReason { get; set; } = "";
}

namespace MedTechAccounts.Analytics.Signals;

/// <summary>The nine loyalty signals of DESIGN section 4.2, in the order the product shows them.</summary>
public enum SignalKind
{
    EngagementRecency,
    PostSaleSilence,
    RepDependency,
    InfluencerCoverage,
    ServiceExperience,
    DiscountDependency,
    InstallBaseRisk,
    VoiceOfCustomer,
    PurchaseVitality,
}

/// <summary>
/// One signal of one account: the measured value (its unit depends on the signal and is named in
/// the reason), a 0–100 sub-score where 100 is healthy, and one sentence naming the facts behind it.
/// </summary>
public sealed record Signal(SignalKind Kind, double? Value, int Score, string Reason)
{
    internal static int Clamp(double score) => (int)Math.Round(Math.Clamp(score, 0, 100), MidpointRounding.AwayFromZero);
}

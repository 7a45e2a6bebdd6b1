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

    /// <summary>The signal's name as the product shows it ("Post-sale silence").</summary>
    public static string NameOf(SignalKind kind) => kind switch
    {
        SignalKind.EngagementRecency => "Engagement recency",
        SignalKind.PostSaleSilence => "Post-sale silence",
        SignalKind.RepDependency => "Rep dependency",
        SignalKind.InfluencerCoverage => "Influencer coverage",
        SignalKind.ServiceExperience => "Service experience",
        SignalKind.DiscountDependency => "Discount dependency",
        SignalKind.InstallBaseRisk => "Install-base risk",
        SignalKind.VoiceOfCustomer => "Voice of the customer",
        SignalKind.PurchaseVitality => "Purchase vitality",
        _ => kind.ToString(),
    };
}

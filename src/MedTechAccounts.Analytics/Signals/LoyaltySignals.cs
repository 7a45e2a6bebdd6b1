namespace MedTechAccounts.Analytics.Signals;

/// <summary>The nine loyalty signals of one account (DESIGN section 4.2), each with its reason.</summary>
public static class LoyaltySignals
{
    public static IReadOnlyList<Signal> Compute(AccountFacts facts, SignalSettings settings) =>
    [
        EngagementRecency.Compute(facts, settings),
        PostSaleSilence.Compute(facts, settings),
        RepDependency.Compute(facts, settings),
        InfluencerCoverage.Compute(facts, settings),
        ServiceExperience.Compute(facts, settings),
        DiscountDependency.Compute(facts, settings),
        InstallBaseRisk.Compute(facts, settings),
        VoiceOfCustomer.Compute(facts, settings),
        PurchaseVitality.Compute(facts, settings),
    ];

    /// <summary>The service facts the tier rules read, over the service-experience window.</summary>
    public static ServiceEvidence ServiceEvidenceOf(AccountFacts facts, SignalSettings settings) => ServiceExperience.Evidence(facts, settings);

    /// <summary>The discount-dependency rule for one order: placed in the closing days of its fiscal quarter above the discount threshold.</summary>
    public static bool IsDiscountBought(OrderFact order, SignalSettings settings) => DiscountDependency.IsDiscountBought(order, settings);
}

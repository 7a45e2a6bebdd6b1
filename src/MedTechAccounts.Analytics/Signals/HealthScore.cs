namespace MedTechAccounts.Analytics.Signals;

public enum Tier { Healthy, Watch, AtRisk }

/// <summary>A scored account: the health score, its tier after the tier rules, and what decided the tier.</summary>
public sealed record HealthAssessment(int Score, TierDecision Decision)
{
    public Tier Tier => Decision.Tier;
}

/// <summary>
/// The scorecard: a weight in percent per signal, summing to 100, and the tier rules beside them.
/// The health score is the weighted mean of the sub-scores; Healthy ≥ 70, Watch 40–69,
/// At risk &lt; 40, unless a tier rule makes the tier worse (<see cref="TierRules"/>).
/// </summary>
public sealed record Scorecard(IReadOnlyDictionary<SignalKind, int> Weights)
{
    /// <summary>The compound-risk rules; without them the tier is the health score's.</summary>
    public TierRules Rules { get; init; } = TierRules.None;

    public const int HealthyFrom = 70;
    public const int WatchFrom = 40;

    public static Scorecard Default { get; } = new(DefaultWeights) { Rules = TierRules.Default };

    private static Dictionary<SignalKind, int> DefaultWeights => new()
    {
        [SignalKind.EngagementRecency] = 10,
        [SignalKind.PostSaleSilence] = 10,
        [SignalKind.RepDependency] = 10,
        [SignalKind.InfluencerCoverage] = 10,
        [SignalKind.ServiceExperience] = 15,
        [SignalKind.DiscountDependency] = 10,
        [SignalKind.InstallBaseRisk] = 10,
        [SignalKind.VoiceOfCustomer] = 15,
        [SignalKind.PurchaseVitality] = 10,
    };

    /// <summary>Why these weights cannot be used, or null when they can.</summary>
    public string? Problem()
    {
        if (Weights.Values.Any(w => w < 0))
        {
            return "Weights cannot be negative.";
        }

        var sum = Weights.Values.Sum();
        return sum == 100 ? null : $"Weights must add up to 100%; they add up to {sum}%.";
    }

    public (int Score, Tier Tier) Score(IEnumerable<Signal> signals)
    {
        if (Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(signals));
        }

        var weighted = signals.Sum(s => (double)Weights.GetValueOrDefault(s.Kind) * s.Score) / 100;
        var score = Signal.Clamp(weighted);
        return (score, TierOf(score));
    }

    /// <summary>The health score and the tier after the rules, with the sentence naming the rule (or the score) that decided it.</summary>
    public HealthAssessment Assess(IReadOnlyList<Signal> signals, ServiceEvidence service)
    {
        var (score, _) = Score(signals);
        return new(score, Rules.Decide(score, signals, service));
    }

    public static Tier TierOf(int score) => score >= HealthyFrom ? Tier.Healthy : score >= WatchFrom ? Tier.Watch : Tier.AtRisk;
}

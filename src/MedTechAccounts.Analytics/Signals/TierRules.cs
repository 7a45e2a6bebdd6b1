using static MedTechAccounts.Analytics.Signals.ReasonText;

namespace MedTechAccounts.Analytics.Signals;

/// <summary>The best tier a rule still allows: <see cref="Off"/> switches the rule off.</summary>
public enum TierCap { Off, Watch, AtRisk }

/// <summary>The service facts the tier rules read (the service-experience window, SLA as the signal judges it).</summary>
/// <param name="FirstResponsesJudged">First responses given, or due and not given.</param>
/// <param name="FirstResponsesWithinSla">Of those, the ones given within the incident's SLA.</param>
/// <param name="OpenCritical">Critical incidents still open.</param>
/// <param name="RepeatIncidents">On the device with the most: incidents within the repeat window of that device's previous one.</param>
/// <param name="RepeatDevice">That device (serial number), or null without repeats.</param>
public sealed record ServiceEvidence(int FirstResponsesJudged, int FirstResponsesWithinSla, int OpenCritical, int RepeatIncidents, string? RepeatDevice = null)
{
    public static ServiceEvidence None { get; } = new(0, 0, 0, 0);
}

/// <summary>Which rule set the tier (null: the health score did) and the sentence that says so.</summary>
public sealed record TierDecision(Tier Tier, TierRule? Rule, string Reason);

/// <summary>The compound-risk rules, in the order they are named when several apply.</summary>
public enum TierRule { LowSignals, OpenCritical, FirstResponseSla, RepeatIncidents }

/// <summary>
/// Rules beside the weights: a weighted mean lets healthy signals average away bad ones, so an
/// account with several very low signals, an open critical incident, first responses mostly
/// outside SLA or repeat incidents gets a worse tier than its mean alone would give. Each rule
/// caps the tier (the best tier it allows); the worst cap and the health score's tier decide.
/// </summary>
/// <param name="LowSignalBelow">A sub-score below this is very low.</param>
/// <param name="LowSignalCount">This many very low signals make the account At risk; 0 switches the rule off.</param>
/// <param name="OpenCriticalCap">An open critical incident caps the tier here.</param>
/// <param name="FirstResponseSlaBelowPercent">First responses within SLA below this percent cap the tier; 0 switches the rule off.</param>
/// <param name="FirstResponseSlaMinimum">The SLA rule judges an account with at least this many first responses.</param>
/// <param name="FirstResponseSlaCap">Where the SLA rule caps the tier.</param>
/// <param name="RepeatIncidentsFrom">This many repeat incidents on one device (each within the repeat window of the one before) cap the tier; 0 switches the rule off.</param>
/// <param name="RepeatIncidentsCap">Where the repeat-incident rule caps the tier.</param>
public sealed record TierRules(
    int LowSignalBelow,
    int LowSignalCount,
    TierCap OpenCriticalCap,
    int FirstResponseSlaBelowPercent,
    int FirstResponseSlaMinimum,
    TierCap FirstResponseSlaCap,
    int RepeatIncidentsFrom,
    TierCap RepeatIncidentsCap)
{
    /// <summary>Any two signals below 20 make an account At risk; an open critical incident, under half of at least 5 first responses within SLA, or 3 repeat incidents cap it at Watch.</summary>
    public static TierRules Default { get; } = new(20, 2, TierCap.Watch, 50, 5, TierCap.Watch, 3, TierCap.Watch);

    /// <summary>No rule: the tier is the health score's.</summary>
    public static TierRules None { get; } = new(20, 0, TierCap.Off, 0, 5, TierCap.Off, 0, TierCap.Off);

    /// <summary>The tier of an account with this health score, signals and service facts, and the sentence naming what decided it.</summary>
    public TierDecision Decide(int score, IReadOnlyList<Signal> signals, ServiceEvidence service)
    {
        var byScore = Scorecard.TierOf(score);
        var fired = Fired(signals, service).ToList();
        var worst = fired.Count == 0 ? null : fired.MaxBy(f => Rank(f.Cap));
        if (worst is null || Rank(worst.Cap) <= Rank(byScore))
        {
            var also = fired.Count == 0 ? "" : " " + Also(fired);
            return new(byScore, null, $"{Name(byScore)} by the health score of {score} ({Band(byScore)}).{also}");
        }

        var others = fired.Where(f => f != worst).ToList();
        var tail = others.Count == 0 ? "" : " " + Also(others);
        var why = worst.Rule == TierRule.LowSignals
            ? $"whatever the health score of {score}"
            : $"the health score of {score} alone would be {Name(byScore)}";
        return new(CapTier(worst.Cap), worst.Rule, $"{Name(CapTier(worst.Cap))} by rule: {worst.Sentence} ({why}).{tail}");
    }

    private IEnumerable<Firing> Fired(IReadOnlyList<Signal> signals, ServiceEvidence service)
    {
        if (LowSignalCount > 0)
        {
            var low = signals.Where(s => s.Score < LowSignalBelow).OrderBy(s => s.Score).ThenBy(s => s.Kind).ToList();
            if (low.Count >= LowSignalCount)
            {
                var named = List(low.Select(s => $"{Signal.NameOf(s.Kind).ToLowerInvariant()} {s.Score}").ToList());
                yield return new(TierRule.LowSignals, TierCap.AtRisk, $"{Count(low.Count, "signal")} below {LowSignalBelow}: {named}");
            }
        }

        if (OpenCriticalCap != TierCap.Off && service.OpenCritical > 0)
        {
            yield return new(TierRule.OpenCritical, OpenCriticalCap, $"{Count(service.OpenCritical, "critical incident")} open");
        }

        if (FirstResponseSlaCap != TierCap.Off && FirstResponseSlaBelowPercent > 0
            && service.FirstResponsesJudged >= Math.Max(1, FirstResponseSlaMinimum)
            && service.FirstResponsesWithinSla * 100.0 < FirstResponseSlaBelowPercent * (double)service.FirstResponsesJudged)
        {
            yield return new(TierRule.FirstResponseSla, FirstResponseSlaCap,
                $"{service.FirstResponsesWithinSla} of {Count(service.FirstResponsesJudged, "first response")} within SLA, under {FirstResponseSlaBelowPercent}%");
        }

        if (RepeatIncidentsCap != TierCap.Off && RepeatIncidentsFrom > 0 && service.RepeatIncidents >= RepeatIncidentsFrom)
        {
            var device = service.RepeatDevice is null ? "one device" : $"device {service.RepeatDevice}";
            yield return new(TierRule.RepeatIncidents, RepeatIncidentsCap, $"{Count(service.RepeatIncidents, "repeat incident")} on {device}");
        }
    }

    private static string Also(IReadOnlyList<Firing> fired) =>
        "Also: " + string.Join("; ", fired.Select(f => $"{f.Sentence} (at best {Name(CapTier(f.Cap))})")) + ".";

    private static int Rank(TierCap cap) => cap switch { TierCap.AtRisk => 2, TierCap.Watch => 1, _ => 0 };

    private static int Rank(Tier tier) => tier switch { Tier.AtRisk => 2, Tier.Watch => 1, _ => 0 };

    private static Tier CapTier(TierCap cap) => cap == TierCap.AtRisk ? Tier.AtRisk : Tier.Watch;

    public static string Name(Tier tier) => tier switch { Tier.AtRisk => "At risk", Tier.Watch => "Watch", _ => "Healthy" };

    private static string Band(Tier tier) => tier switch
    {
        Tier.Healthy => $"{Scorecard.HealthyFrom} or more",
        Tier.Watch => $"{Scorecard.WatchFrom}–{Scorecard.HealthyFrom - 1}",
        _ => $"under {Scorecard.WatchFrom}",
    };

    private sealed record Firing(TierRule Rule, TierCap Cap, string Sentence);
}

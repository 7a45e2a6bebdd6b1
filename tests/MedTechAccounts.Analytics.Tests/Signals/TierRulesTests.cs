using MedTechAccounts.Analytics.Signals;

namespace MedTechAccounts.Analytics.Tests.Signals;

/// <summary>The tier rules beside the weights: their edges, switches, order and reasons, as of a fixed moment.</summary>
public sealed class TierRulesTests
{
    private static readonly DateTime AsOf = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Every signal at <paramref name="healthy"/> except the ones given.</summary>
    private static List<Signal> Signals(int healthy = 100, params (SignalKind Kind, int Score)[] low) =>
        Enum.GetValues<SignalKind>().Select(k => new Signal(k, null, low.Any(l => l.Kind == k) ? low.Single(l => l.Kind == k).Score : healthy, "")).ToList();

    private static HealthAssessment Assess(List<Signal> signals, ServiceEvidence? service = null, TierRules? rules = null) =>
        (Scorecard.Default with { Rules = rules ?? TierRules.Default }).Assess(signals, service ?? ServiceEvidence.None);

    [Fact]
    public void Any_two_signals_below_20_make_an_account_at_risk_whatever_the_mean()
    {
        var result = Assess(Signals(100, (SignalKind.PostSaleSilence, 10), (SignalKind.RepDependency, 5)));

        Assert.Equal(82, result.Score); // Healthy by the mean alone
        Assert.Equal((Tier.AtRisk, TierRule.LowSignals), (result.Tier, result.Decision.Rule));
        Assert.Equal("At risk by rule: 2 signals below 20: rep dependency 5 and post-sale silence 10 (whatever the health score of 82).", result.Decision.Reason);
    }

    [Fact]
    public void One_very_low_signal_or_two_at_the_threshold_leave_the_tier_to_the_health_score()
    {
        var one = Assess(Signals(100, (SignalKind.PostSaleSilence, 0)));
        var atThreshold = Assess(Signals(100, (SignalKind.PostSaleSilence, 20), (SignalKind.RepDependency, 20)));

        Assert.Equal((Tier.Healthy, (TierRule?)null), (one.Tier, one.Decision.Rule));
        Assert.Equal("Healthy by the health score of 90 (70 or more).", one.Decision.Reason);
        Assert.Equal((Tier.Healthy, (TierRule?)null, 84), (atThreshold.Tier, atThreshold.Decision.Rule, atThreshold.Score));
    }

    [Fact]
    public void An_open_critical_incident_caps_a_healthy_account_at_watch_but_never_lifts_an_account_at_risk()
    {
        var healthy = Assess(Signals(100, (SignalKind.ServiceExperience, 50)), new ServiceEvidence(4, 4, 1, 0));
        var atRisk = Assess(Signals(30), new ServiceEvidence(4, 4, 1, 0));

        Assert.Equal((Tier.Watch, TierRule.OpenCritical), (healthy.Tier, healthy.Decision.Rule));
        Assert.Equal("Watch by rule: 1 critical incident open (the health score of 93 alone would be Healthy).", healthy.Decision.Reason);
        Assert.Equal((Tier.AtRisk, (TierRule?)null), (atRisk.Tier, atRisk.Decision.Rule));
        Assert.Equal("At risk by the health score of 30 (under 40). Also: 1 critical incident open (at best Watch).", atRisk.Decision.Reason);
    }

    [Theory]
    [InlineData(4, 0, Tier.Healthy)] // fewer first responses than the rule judges
    [InlineData(5, 2, Tier.Watch)] // 40% < 50%
    [InlineData(6, 3, Tier.Healthy)] // exactly 50% is not below
    [InlineData(64, 0, Tier.Watch)]
    public void First_responses_mostly_outside_SLA_cap_the_tier_once_enough_are_judged(int judged, int onTime, Tier expected)
    {
        var result = Assess(Signals(), new ServiceEvidence(judged, onTime, 0, 0));

        Assert.Equal(expected, result.Tier);
        Assert.Equal(expected == Tier.Watch ? TierRule.FirstResponseSla : null, result.Decision.Rule);
    }

    [Theory]
    [InlineData(2, Tier.Healthy)]
    [InlineData(3, Tier.Watch)]
    public void Three_repeat_incidents_on_one_device_cap_the_tier_at_watch(int repeats, Tier expected)
    {
        var result = Assess(Signals(), new ServiceEvidence(0, 0, 0, repeats));

        Assert.Equal(expected, result.Tier);
        if (expected == Tier.Watch)
        {
            Assert.Equal("Watch by rule: 3 repeat incidents on one device (the health score of 100 alone would be Healthy).", result.Decision.Reason);
        }
    }

    [Fact]
    public void The_worst_cap_decides_the_first_rule_wins_a_tie_and_the_others_are_named()
    {
        var service = new ServiceEvidence(64, 0, 1, 15);
        var strictRepeats = TierRules.Default with { RepeatIncidentsCap = TierCap.AtRisk };

        var watch = Assess(Signals(100, (SignalKind.ServiceExperience, 0)), service);
        var atRisk = Assess(Signals(100, (SignalKind.ServiceExperience, 0)), service, strictRepeats);

        Assert.Equal((Tier.Watch, TierRule.OpenCritical), (watch.Tier, watch.Decision.Rule));
        Assert.Equal(
            "Watch by rule: 1 critical incident open (the health score of 85 alone would be Healthy). " +
            "Also: 0 of 64 first responses within SLA, under 50% (at best Watch); 15 repeat incidents on one device (at best Watch).",
            watch.Decision.Reason);
        Assert.Equal((Tier.AtRisk, TierRule.RepeatIncidents), (atRisk.Tier, atRisk.Decision.Rule));
    }

    [Fact]
    public void Rules_switched_off_leave_the_tier_to_the_health_score()
    {
        var signals = Signals(100, (SignalKind.PostSaleSilence, 0), (SignalKind.RepDependency, 0), (SignalKind.ServiceExperience, 0));
        var service = new ServiceEvidence(64, 0, 3, 15);

        var off = Assess(signals, service, TierRules.None);

        Assert.Equal((Tier.Watch, (TierRule?)null, 65), (off.Tier, off.Decision.Rule, off.Score));
        Assert.Equal("Watch by the health score of 65 (40–69).", off.Decision.Reason);
    }

    [Fact]
    public void The_account_of_the_issue_with_no_first_response_in_SLA_an_open_critical_and_15_repeats_is_not_healthy()
    {
        // 48 incidents on 48 devices a week apart and 16 on one pump five days apart: 15 repeats; every first
        // response 100 hours after opening (beyond every SLA); the newest single-device one is critical and open.
        var incidents = Enumerable.Range(0, 48)
            .Select(n => new IncidentFact($"Monitor {n}", AsOf.AddDays(-7 * n - 3), n == 0 ? SeverityFact.Critical : SeverityFact.Minor,
                n == 0 ? null : AsOf.AddDays(-7 * n - 3).AddHours(100), n == 0 ? null : AsOf.AddDays(-7 * n - 3).AddHours(200), false))
            .Concat(Enumerable.Range(0, 16).Select(n => new IncidentFact("Pump 7", AsOf.AddDays(-5 * n - 90), SeverityFact.Major,
                AsOf.AddDays(-5 * n - 90).AddHours(100), AsOf.AddDays(-5 * n - 90).AddHours(200), false)))
            .ToList();
        var facts = new AccountFacts { AsOf = AsOf, Segment = "Community", CustomerSince = AsOf.AddYears(-3), Incidents = incidents };
        var settings = new SignalSettings();
        var service = LoyaltySignals.ServiceEvidenceOf(facts, settings);
        var serviceSignal = LoyaltySignals.Compute(facts, settings).Single(s => s.Kind == SignalKind.ServiceExperience);
        // Every other signal healthy, as on the account the issue found: 70 or more by the mean.
        var signals = Signals().Select(s => s.Kind == SignalKind.ServiceExperience ? serviceSignal : s).ToList();

        var result = Scorecard.Default.Assess(signals, service);

        Assert.Equal(new ServiceEvidence(64, 0, 1, 15, "Pump 7"), service);
        Assert.True(Scorecard.TierOf(result.Score) == Tier.Healthy, $"the mean alone is {result.Score}");
        Assert.Equal(Tier.Watch, result.Tier);
        Assert.StartsWith("Watch by rule: 1 critical incident open", result.Decision.Reason);
        Assert.Contains("0 of 64 first responses within SLA", result.Decision.Reason);
        Assert.Contains("15 repeat incidents on device Pump 7", result.Decision.Reason);
    }
}

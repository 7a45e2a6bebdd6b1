using MedTechAccounts.Analytics.Signals;

namespace MedTechAccounts.Analytics.Tests.Signals;

/// <summary>Each signal's edge cases, as of a fixed moment (no clock is read anywhere).</summary>
public sealed class SignalTests
{
    private static readonly DateTime AsOf = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = DateOnly.FromDateTime(AsOf);
    private static readonly SignalSettings Settings = new();

    private static readonly ContactFact Doctor = new(Guid.NewGuid(), "Dr. Ada Park", ContactRoleFact.Clinician, InfluenceFact.DecisionMaker);
    private static readonly ContactFact Biomed = new(Guid.NewGuid(), "Sam Ortega", ContactRoleFact.Biomed, InfluenceFact.Influencer);
    private static readonly ContactFact Buyer = new(Guid.NewGuid(), "Jane Roe", ContactRoleFact.Purchasing, InfluenceFact.DecisionMaker);
    private static readonly ContactFact Chief = new(Guid.NewGuid(), "Lee Chan", ContactRoleFact.Executive, InfluenceFact.DecisionMaker);
    private static readonly ContactFact Nurse = new(Guid.NewGuid(), "Dana Whitfield", ContactRoleFact.Nursing, InfluenceFact.User);

    private static AccountFacts Facts(string segment = "Community", int ageDays = 1000) => new()
    {
        AsOf = AsOf,
        Segment = segment,
        CustomerSince = AsOf.AddDays(-ageDays),
        Contacts = [Doctor, Biomed, Buyer, Chief, Nurse],
    };

    private static TouchFact Touch(int daysAgo, string rep = "Alex Kim", int sentiment = 1, int problems = 0, string type = "Visit", params ContactFact[] met) =>
        new(AsOf.AddDays(-daysAgo), rep, met.Select(c => c.Id).ToList(), sentiment, problems, type);

    private static Signal Of(SignalKind kind, AccountFacts facts) => LoyaltySignals.Compute(facts, Settings).Single(s => s.Kind == kind);

    // --- no interactions at all, brand-new account --------------------------------------------

    [Fact]
    public void An_account_without_any_interaction_scores_zero_on_recency_and_neutral_on_dependency_and_voice()
    {
        var facts = Facts();

        var recency = Of(SignalKind.EngagementRecency, facts);
        Assert.Equal(0, recency.Score);
        Assert.Equal(1000, recency.Value);
        Assert.Equal("No interaction logged in the 1000 days since the account was created on 3 March 2024; the Community norm is a touch every 21 days.", recency.Reason);
        Assert.Equal(50, Of(SignalKind.RepDependency, facts).Score);
        Assert.Equal(0, Of(SignalKind.InfluencerCoverage, facts).Score);
        Assert.Equal(50, Of(SignalKind.VoiceOfCustomer, facts).Score);
        Assert.Equal(50, Of(SignalKind.PurchaseVitality, facts).Score);
    }

    [Fact]
    public void A_brand_new_account_is_not_silent_before_its_first_touch_is_due()
    {
        var recency = Of(SignalKind.EngagementRecency, Facts(ageDays: 5));

        Assert.Equal(100, recency.Score);
        Assert.Null(recency.Value);
        Assert.StartsWith("New account since 23 November 2026 with no touch yet", recency.Reason);
    }

    [Theory]
    [InlineData(21, 100)]
    [InlineData(42, 67)]
    [InlineData(84, 0)]
    [InlineData(400, 0)]
    public void Recency_falls_from_the_segment_norm_to_zero_at_four_norms(int daysAgo, int expected)
    {
        var facts = Facts() with { Touches = [Touch(daysAgo, type: "InServiceTraining")] };

        var recency = Of(SignalKind.EngagementRecency, facts);

        Assert.Equal(expected, recency.Score);
        Assert.Contains($"Last touch {daysAgo} days ago (an in-service training by Alex Kim", recency.Reason);
    }

    [Fact]
    public void The_cadence_norm_depends_on_the_segment()
    {
        var touches = new[] { Touch(30) };

        Assert.True(Of(SignalKind.EngagementRecency, Facts("Academic") with { Touches = touches }).Score < 100);
        Assert.Equal(100, Of(SignalKind.EngagementRecency, Facts("Clinic") with { Touches = touches }).Score);
    }

    // --- post-sale silence ----------------------------------------------------------------------

    private static DeviceFact Ventilator(DateOnly installed, string serial = "AV-1", string? competitor = null) =>
        new("Aurora ventilator", "Ventilation", serial, installed, installed.AddMonths(120), installed.AddYears(2), null, competitor);

    [Fact]
    public void An_install_without_a_touch_in_thirty_days_is_named_with_its_date_and_size()
    {
        var installed = new DateOnly(2026, 8, 23);
        var devices = Enumerable.Range(1, 8).Select(i => Ventilator(installed, $"AV-{i}")).ToList();
        var facts = Facts() with { Devices = devices, Touches = [Touch(200)] };

        var silence = Of(SignalKind.PostSaleSilence, facts);

        Assert.Equal(0, silence.Score);
        Assert.Equal(1, silence.Value);
        Assert.Equal("No touch in 97 days since the 23 August 2026 install of 8 Ventilation devices (1 of 1).", silence.Reason);
    }

    [Fact]
    public void A_touch_within_thirty_days_of_the_install_clears_it_and_a_fresh_install_is_not_judged_yet()
    {
        var followed = new DateOnly(2026, 8, 1);
        var fresh = Today.AddDays(-10);
        var facts = Facts() with
        {
            Devices = [Ventilator(followed, "AV-1"), Ventilator(fresh, "AV-2")],
            Touches = [Touch(Today.DayNumber - followed.DayNumber - 30)],
        };

        var silence = Of(SignalKind.PostSaleSilence, facts);

        Assert.Equal(100, silence.Score);
        Assert.StartsWith("All 1 purchase or install of the last 180 days had a touch within 30 days", silence.Reason);
    }

    [Fact]
    public void Consumable_reorders_are_not_sales_events_but_capital_orders_are()
    {
        var facts = Facts() with
        {
            Orders =
            [
                new(Today.AddDays(-60), 1000m, 950m, "Consumable"),
                new(Today.AddDays(-90), 120_000m, 100_000m, "Capital"),
            ],
        };

        var silence = Of(SignalKind.PostSaleSilence, facts);

        Assert.Equal(1, silence.Value);
        Assert.Contains("capital order of $100k", silence.Reason);
    }

    // --- rep dependency -------------------------------------------------------------------------

    [Fact]
    public void One_rep_only_is_full_dependency()
    {
        var facts = Facts() with { Touches = [.. Enumerable.Range(1, 12).Select(i => Touch(i * 20, met: [Doctor, Biomed]))] };

        var dependency = Of(SignalKind.RepDependency, facts);

        Assert.Equal(0, dependency.Score);
        Assert.Equal(1.0, dependency.Value);
        Assert.Equal("All 12 interactions of the last year are by one rep (Alex Kim); 2 of 2 contacts met have never met anyone else from us.", dependency.Reason);
    }

    [Fact]
    public void A_relationship_spread_over_a_team_scores_healthy()
    {
        var touches = new List<TouchFact>();
        for (var i = 0; i < 20; i++)
        {
            var rep = (i % 10) switch { < 5 => "Alex Kim", < 9 => "Bo Lund", _ => "Cy Diaz" };
            touches.Add(Touch(10 + i * 15, rep, met: i % 2 == 0 ? [Doctor, Buyer] : [Doctor]));
        }

        var dependency = Of(SignalKind.RepDependency, Facts() with { Touches = touches });

        Assert.Equal(100, dependency.Score);
        Assert.StartsWith("50% of the last year's 20 interactions are by Alex Kim, the rest by 2 other people; 0 of 2 contacts met", dependency.Reason);
    }

    // --- influencer coverage --------------------------------------------------------------------

    [Fact]
    public void All_key_roles_met_through_decision_makers_is_full_coverage()
    {
        var decisionBiomed = Biomed with { Influence = InfluenceFact.DecisionMaker };
        var facts = Facts() with { Contacts = [Doctor, decisionBiomed, Buyer, Chief], Touches = [Touch(30, met: [Doctor, decisionBiomed, Buyer, Chief])] };

        var coverage = Of(SignalKind.InfluencerCoverage, facts);

        Assert.Equal(100, coverage.Score);
        Assert.EndsWith("Executive (decision maker).", coverage.Reason);
    }

    [Fact]
    public void Meeting_only_nurses_leaves_every_key_role_uncovered_and_names_the_gaps()
    {
        var facts = Facts() with { Contacts = [Doctor, Buyer, Nurse], Touches = [Touch(10, met: [Nurse]), Touch(40, met: [Nurse])] };

        var coverage = Of(SignalKind.InfluencerCoverage, facts);

        Assert.Equal(0, coverage.Score);
        Assert.Equal("No key role met in the last 180 days; not met: Clinician (Dr. Ada Park not met), Biomed (no contact on file), Purchasing (Jane Roe not met) and Executive (no contact on file).", coverage.Reason);
    }

    [Fact]
    public void A_role_not_met_is_named_by_the_same_contact_whatever_order_the_contacts_come_in()
    {
        var otherDoctor = new ContactFact(Guid.NewGuid(), "Dr. Zoe Adams", ContactRoleFact.Clinician, InfluenceFact.DecisionMaker);
        var oneOrder = Facts() with { Contacts = [otherDoctor, Doctor, Buyer] };
        var otherOrder = Facts() with { Contacts = [Doctor, otherDoctor, Buyer] };

        var reason = Of(SignalKind.InfluencerCoverage, oneOrder).Reason;

        Assert.Equal(reason, Of(SignalKind.InfluencerCoverage, otherOrder).Reason);
        Assert.Contains("Clinician (Dr. Ada Park not met)", reason); // equals by influence go alphabetically
    }

    [Fact]
    public void Touches_older_than_the_window_do_not_count_and_influence_weighs()
    {
        var facts = Facts() with { Touches = [Touch(10, met: [Biomed]), Touch(200, met: [Doctor, Buyer, Chief])] };

        var coverage = Of(SignalKind.InfluencerCoverage, facts);

        Assert.Equal(17, coverage.Score); // an influencer is 2 of the 12 points
    }

    // --- service experience ---------------------------------------------------------------------

    private static IncidentFact Incident(double hoursAgo, SeverityFact severity, double? respondedAfter, double? resolvedAfter, string device = "AV-1", bool afterHours = false)
    {
        var opened = AsOf.AddHours(-hoursAgo);
        return new(device, opened, severity, respondedAfter is { } r ? opened.AddHours(r) : null, resolvedAfter is { } s ? opened.AddHours(s) : null, afterHours);
    }

    [Fact]
    public void No_incidents_is_a_perfect_service_score()
    {
        var service = Of(SignalKind.ServiceExperience, Facts());

        Assert.Equal(100, service.Score);
        Assert.Equal("No service incidents in the last year.", service.Reason);
    }

    [Fact]
    public void An_open_critical_incident_past_its_target_costs_the_miss_and_the_penalty()
    {
        var facts = Facts() with
        {
            Incidents =
            [
                Incident(2000, SeverityFact.Major, 10, 40, device: "AV-2"),
                Incident(30, SeverityFact.Critical, null, null),
            ],
        };

        var service = Of(SignalKind.ServiceExperience, facts);

        // Responses 1 of 2, resolutions 1 of 2 on time (the critical one is 30 h open, target 24 h): 50 − 25.
        Assert.Equal(25, service.Score);
        Assert.Equal(0.5, service.Value);
        Assert.Contains("1 critical incident open, the oldest since 27 November 2026 on AV-1", service.Reason);
    }

    [Fact]
    public void An_open_incident_inside_its_target_is_not_judged_yet()
    {
        var facts = Facts() with { Incidents = [Incident(2, SeverityFact.Major, null, null)] };

        var service = Of(SignalKind.ServiceExperience, facts);

        Assert.Equal(100, service.Score);
        Assert.Null(service.Value);
        Assert.Contains("no first response due yet", service.Reason);
    }

    [Fact]
    public void Repeat_incidents_on_one_device_and_late_after_hours_responses_count()
    {
        var facts = Facts() with
        {
            Incidents =
            [
                Incident(24 * 100, SeverityFact.Minor, 10, 20, afterHours: true),
                Incident(24 * 50, SeverityFact.Minor, 100, 300, afterHours: true),
            ],
        };

        var service = Of(SignalKind.ServiceExperience, facts);

        // Responses 1/2, resolutions 1/2, after hours 1/2 → 50, minus one repeat (50 days apart) → 45.
        Assert.Equal(45, service.Score);
        Assert.Contains("1 of 2 after-hours responses on time", service.Reason);
        Assert.Contains("1 repeat incident on the same device within 90 days", service.Reason);
    }

    // --- discount dependency --------------------------------------------------------------------

    [Fact]
    public void A_deep_discount_on_the_last_day_of_a_quarter_counts_but_on_the_first_day_of_the_next_it_does_not()
    {
        var lastDay = new OrderFact(new DateOnly(2026, 9, 30), 100_000m, 70_000m, "Capital");
        var firstDay = new OrderFact(new DateOnly(2026, 10, 1), 100_000m, 70_000m, "Capital");

        Assert.True(DiscountDependency.IsDiscountBought(lastDay, Settings));
        Assert.False(DiscountDependency.IsDiscountBought(firstDay, Settings));

        var dependency = Of(SignalKind.DiscountDependency, Facts() with { Orders = [lastDay, firstDay] });
        Assert.Equal(0.5, dependency.Value);
        Assert.Equal(0, dependency.Score);
        Assert.Equal("50% of the net revenue since 1 January 2026 ($70k of $140k, 1 order) was bought in the last 14 days of a quarter at more than 20% off.", dependency.Reason);
    }

    [Fact]
    public void A_small_discount_at_quarter_end_and_a_fiscal_year_starting_in_July_move_the_quarter_ends()
    {
        var smallDiscount = new OrderFact(new DateOnly(2026, 9, 30), 100_000m, 90_000m, "Capital");
        var july = Settings with { FiscalYearStartMonth = 7 };
        var augustEnd = new OrderFact(new DateOnly(2026, 8, 31), 100_000m, 60_000m, "Capital");

        Assert.False(DiscountDependency.IsDiscountBought(smallDiscount, Settings));
        Assert.False(DiscountDependency.IsDiscountBought(augustEnd, july));
        Assert.True(DiscountDependency.IsDiscountBought(augustEnd with { OrderDate = new DateOnly(2026, 9, 20) }, july));
        Assert.Equal(new DateOnly(2026, 10, 1), DiscountDependency.QuarterStart(new DateOnly(2026, 11, 28), 7));
        Assert.Equal(new DateOnly(2026, 11, 1), DiscountDependency.QuarterStart(new DateOnly(2027, 1, 15), 2));
    }

    // --- install-base risk ----------------------------------------------------------------------

    [Fact]
    public void Devices_near_end_of_life_and_competitor_share_are_named()
    {
        var old = new DeviceFact("Aurora ventilator", "Ventilation", "AV-OLD", new DateOnly(2017, 3, 1), new DateOnly(2027, 3, 1), null, null, null);
        var young = Ventilator(new DateOnly(2025, 1, 10), "AV-NEW") with { WarrantyEnd = null };
        var rival = new DeviceFact("Rival vent", "Ventilation", "RX-1", new DateOnly(2024, 1, 1), null, null, null, "Acme Medical");
        var facts = Facts() with { Devices = [old, young, rival, rival with { SerialNumber = "RX-2" }] };

        var risk = Of(SignalKind.InstallBaseRisk, facts);

        // 0.4 × 1/2 + 0.4 × 2/4 = 0.4.
        Assert.Equal(0.4, risk.Value);
        Assert.Equal(60, risk.Score);
        Assert.Equal("1 of our 2 devices reach the end of service life within 12 months (first: Aurora ventilator AV-OLD, on 1 March 2027); competitors hold 2 of 4 devices (50%).", risk.Reason);
    }

    [Fact]
    public void Unrenewed_contracts_ending_within_ninety_days_raise_the_risk_but_renewed_ones_do_not()
    {
        var device = Ventilator(new DateOnly(2024, 1, 1));
        var ending = new ContractFact(new DateOnly(2025, 12, 31), Today.AddDays(30), 12_000m, Renewed: false);

        Assert.True(Of(SignalKind.InstallBaseRisk, Facts() with { Devices = [device], Contracts = [ending] }).Reason.Contains("1 unrenewed contract end within 90 days", StringComparison.Ordinal));
        Assert.Equal(100, Of(SignalKind.InstallBaseRisk, Facts() with { Devices = [device], Contracts = [ending with { Renewed = true }] }).Score);
    }

    // --- voice of the customer ------------------------------------------------------------------

    [Fact]
    public void Falling_sentiment_poor_nps_and_unfollowed_problems_all_count()
    {
        var facts = Facts() with
        {
            Touches = [Touch(10, sentiment: -1), Touch(60, sentiment: -1, problems: 2), Touch(200, sentiment: 2), Touch(300, sentiment: 1)],
            Surveys = [new(Today.AddDays(-40), 3), new(Today.AddDays(-100), 6), new(Today.AddDays(-120), 9)],
        };

        var voice = Of(SignalKind.VoiceOfCustomer, facts);

        // Sentiment −1 → 25; NPS (1 − 2) / 3 = −33 → 33.3; mean 29.2; falling −10; one unfollowed problem −10.
        Assert.Equal(9, voice.Score);
        Assert.Equal("Sentiment averaged -1.0 over 2 interactions in the last 90 days (the year before: +1.5); NPS -33 from 3 survey responses in the last 365 days; 1 interaction with stated problems had no follow-up within 30 days.", voice.Reason);
    }

    [Fact]
    public void A_followed_up_problem_is_not_counted()
    {
        var facts = Facts() with { Touches = [Touch(60, sentiment: 0, problems: 1), Touch(50, sentiment: 0)] };

        Assert.Equal(50, Of(SignalKind.VoiceOfCustomer, facts).Score);
    }

    // --- purchase vitality ----------------------------------------------------------------------

    [Fact]
    public void Purchase_vitality_follows_p_alive_and_a_falling_expectation()
    {
        var steady = Facts() with { Outlook = new(0.82, 4.1, 4.0) };
        var falling = Facts() with { Outlook = new(0.82, 2.0, 4.0) };

        Assert.Equal(82, Of(SignalKind.PurchaseVitality, steady).Score);
        Assert.Equal(67, Of(SignalKind.PurchaseVitality, falling).Score);
        Assert.Equal("P(alive) 0.82 from the repeat-purchase model; 2 expected orders in the next year (previous fit: 4).", Of(SignalKind.PurchaseVitality, falling).Reason);
    }

    // --- health score ---------------------------------------------------------------------------

    [Fact]
    public void The_health_score_is_the_weighted_mean_and_sets_the_tier()
    {
        var signals = Enum.GetValues<SignalKind>().Select(k => new Signal(k, null, k == SignalKind.ServiceExperience ? 0 : 80, "")).ToList();

        var (score, tier) = Scorecard.Default.Score(signals);

        Assert.Equal(68, score); // 80 × 85% + 0 × 15%
        Assert.Equal(Tier.Watch, tier);
        Assert.Equal(Tier.Healthy, Scorecard.TierOf(70));
        Assert.Equal(Tier.Watch, Scorecard.TierOf(40));
        Assert.Equal(Tier.AtRisk, Scorecard.TierOf(39));
    }

    [Fact]
    public void Weights_that_do_not_add_up_to_one_hundred_are_refused()
    {
        var card = new Scorecard(new Dictionary<SignalKind, int> { [SignalKind.EngagementRecency] = 60, [SignalKind.ServiceExperience] = 30 });

        Assert.Equal("Weights must add up to 100%; they add up to 90%.", card.Problem());
        Assert.Throws<ArgumentException>(() => card.Score([]));
    }

    [Fact]
    public void Every_signal_has_a_reason_and_a_score_in_range_for_a_busy_account()
    {
        var facts = Facts() with
        {
            Touches = [Touch(3, met: [Doctor]), Touch(50, "Bo Lund", met: [Buyer])],
            Devices = [Ventilator(new DateOnly(2026, 6, 1))],
            Incidents = [Incident(500, SeverityFact.Major, 5, 30)],
            Orders = [new(new DateOnly(2026, 6, 1), 40_000m, 36_000m, "Capital")],
            Surveys = [new(Today.AddDays(-30), 10)],
            Outlook = new(0.9, 3, null),
        };

        var signals = LoyaltySignals.Compute(facts, Settings);

        Assert.Equal(Enum.GetValues<SignalKind>(), signals.Select(s => s.Kind));
        Assert.All(signals, s =>
        {
            Assert.InRange(s.Score, 0, 100);
            Assert.EndsWith(".", s.Reason);
            Assert.DoesNotContain("NaN", s.Reason, StringComparison.Ordinal);
        });
    }
}

using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Scoring;

namespace MedTechAccounts.UnitTests.Features.Scoring;

public sealed class TierRulesValidatorTests
{
    private static readonly EditTierRules.Command Default = new()
    {
        Version = Guid.NewGuid(), LowSignalBelow = 20, LowSignalCount = 2, OpenCriticalCap = TierCap.Watch, FirstResponseSlaBelowPercent = 50,
        FirstResponseSlaMinimum = 5, FirstResponseSlaCap = TierCap.Watch, RepeatIncidentsFrom = 3, RepeatIncidentsCap = TierCap.Watch,
    };

    private static List<(string Field, string Message)> Failures(EditTierRules.Command command) =>
        new EditTierRules.Validator().Validate(command).Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToList();

    [Fact]
    public void The_default_rules_are_valid_and_the_stored_defaults_are_the_analytics_defaults()
    {
        Assert.Empty(Failures(Default));
        Assert.Equal(TierRules.Default, new ScorecardRules().ToRules());
    }

    [Fact]
    public void Every_rule_can_be_switched_off_with_zero_or_off()
    {
        Assert.Empty(Failures(Default with
        {
            LowSignalCount = 0, OpenCriticalCap = TierCap.Off, FirstResponseSlaBelowPercent = 0, FirstResponseSlaCap = TierCap.Off,
            RepeatIncidentsFrom = 0, RepeatIncidentsCap = TierCap.Off,
        }));
    }

    [Theory]
    [InlineData(0, "LowSignalBelow", "Very low signal: a sub-score threshold is a whole number from 1 to 100.")]
    [InlineData(101, "LowSignalBelow", "Very low signal: a sub-score threshold is a whole number from 1 to 100.")]
    public void A_threshold_outside_1_to_100_is_refused_naming_the_field(int value, string field, string message) =>
        Assert.Equal([(field, message)], Failures(Default with { LowSignalBelow = value }));

    [Fact]
    public void Counts_and_percents_out_of_range_are_refused_each_naming_its_field()
    {
        var failures = Failures(Default with { LowSignalCount = 10, FirstResponseSlaBelowPercent = -1, FirstResponseSlaMinimum = 0, RepeatIncidentsFrom = 1001 });

        Assert.Equal(
            [
                ("LowSignalCount", "Very low signals for At risk: a count from 1 to 9, or 0 to switch the rule off."),
                ("FirstResponseSlaBelowPercent", "First responses within SLA: a whole percent from 1 to 100, or 0 to switch the rule off."),
                ("FirstResponseSlaMinimum", "First responses judged at least: a count from 1 to 1000."),
                ("RepeatIncidentsFrom", "Repeat incidents: a count from 1 to 1000, or 0 to switch the rule off."),
            ],
            failures);
    }

    [Fact]
    public void An_unknown_tier_cap_is_refused_naming_the_field()
    {
        Assert.Equal([("OpenCriticalCap", "Open critical incident: the tier cap is Off, Watch or AtRisk.")], Failures(Default with { OpenCriticalCap = (TierCap)7 }));
        Assert.Equal([("RepeatIncidentsCap", "Repeat incidents: the tier cap is Off, Watch or AtRisk.")], Failures(Default with { RepeatIncidentsCap = (TierCap)(-1) }));
    }

    [Fact]
    public void A_missing_version_is_refused() =>
        Assert.Contains(Failures(Default with { Version = Guid.Empty }), f => f.Field == "Version");
}

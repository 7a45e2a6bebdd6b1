using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.UnitTests.Domain;

/// <summary>The one value-at-stake formula of the dashboards, the account priorities and the raised tasks.</summary>
public sealed class ValueAtStakeRuleTests
{
    [Theory]
    [InlineData(100, 0)]
    [InlineData(80, 0.2)]
    [InlineData(34, 0.66)]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(120, 0)]
    public void Risk_is_the_share_of_health_missing_kept_within_0_and_1(double health, double risk) =>
        Assert.Equal(risk, ValueAtStakeRule.RiskOf(health), 10);

    [Fact]
    public void Value_at_stake_is_the_clv_times_the_risk_rounded_to_cents()
    {
        Assert.Equal(79_200m, ValueAtStakeRule.Of(120_000m, 34));
        Assert.Equal(0m, ValueAtStakeRule.Of(500_000m, 100));
        Assert.Equal(333.33m, ValueAtStakeRule.Of(1_000m, 66.667));
    }
}

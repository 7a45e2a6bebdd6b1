using MedTechAccounts.Core.Features.Accounts;

namespace MedTechAccounts.UnitTests.Features.Accounts;

public sealed class AccountPrioritiesTests
{
    [Theory]
    [InlineData(100, 0)]
    [InlineData(80, 0.2)]
    [InlineData(34, 0.66)]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(120, 0)]
    public void Risk_is_the_share_of_health_missing_kept_within_0_and_1(double health, double risk) =>
        Assert.Equal(risk, AccountPriorities.RiskOf(health), 10);

    [Fact]
    public void Priority_is_the_value_at_stake_times_the_risk_rounded_to_cents()
    {
        Assert.Equal(79_200m, AccountPriorities.PriorityOf(120_000m, 34));
        Assert.Equal(0m, AccountPriorities.PriorityOf(500_000m, 100));
        Assert.Equal(333.33m, AccountPriorities.PriorityOf(1_000m, 66.667));
    }
}

using MedTechAccounts.Analytics.Clv;

namespace MedTechAccounts.Analytics.Tests.Clv;

public sealed class LifetimeValueTests
{
    private static readonly DateOnly AsOf = new(2026, 1, 1);
    private static readonly BgNbdParameters Repeat = new(0.243, 4.414, 0.793, 2.426);
    private static readonly GammaGammaParameters Spend = new(6.25, 3.74, 15.44);
    private static readonly ShiftedBetaGeometricParameters Retention = new(0.668, 3.806);
    private static readonly ClvSettings Settings = new(AsOf, new ClvMargins(0.4, 0.6, 0.3));

    private static AccountClvInput Account(IReadOnlyList<ServiceContractInput>? contracts = null, IReadOnlyList<DeviceReplacementInput>? devices = null) =>
        new("acc-1", 2, 30.43, 38.86, 22.35, contracts ?? [], devices ?? []);

    [Fact]
    public void Repeat_purchase_value_discounts_each_weeks_expected_transactions()
    {
        var result = CustomerLifetimeValue.Compute(Account(), new ClvModels(Repeat, Spend), Settings);

        // Independent reference: weekly increments of E[Y(t)], discounted at the end of each week.
        var reference = 0.0;
        var previous = 0.0;
        for (var week = 1; week <= 260; week++)
        {
            var e = Repeat.ConditionalExpectedTransactions(2, 30.43, 38.86, week);
            reference += (e - previous) / Math.Pow(1.1, week / 52.0);
            previous = e;
        }

        var spend = Spend.ConditionalExpectedSpend(2, 22.35);
        Assert.Equal(reference * spend * 0.4, result.RepeatPurchases, 1e-9);
        Assert.Equal(previous, result.ExpectedTransactions, 1e-12);
        Assert.True(result.RepeatPurchases < previous * spend * 0.4);
        Assert.Equal(0, result.ServiceContracts);
        Assert.Equal(0, result.Replacement);
        Assert.Equal(result.RepeatPurchases, result.Total);
    }

    [Fact]
    public void Service_contracts_are_expected_discounted_renewals_times_annual_value_and_margin()
    {
        var contract = new ServiceContractInput("c-1", 12_000, RenewalsSoFar: 2, NextRenewal: AsOf);

        var result = CustomerLifetimeValue.Compute(Account(contracts: [contract]), new ClvModels(Repeat, Spend, Retention), Settings);

        // Renewal decisions now and after 1..5 years: six terms of the DERL sum.
        var expected = 12_000 * 0.6 * Retention.ExpectedDiscountedRenewals(0.1, 2, 6);
        Assert.Equal(expected, result.ServiceContracts, 1e-6);
        Assert.True(result.ServiceContracts < 12_000 * 0.6 * Retention.DiscountedExpectedResidualLifetime(0.1, 2));
    }

    [Fact]
    public void Replacement_counts_devices_reaching_end_of_life_inside_the_horizon_discounted_to_that_date()
    {
        DeviceReplacementInput[] devices =
        [
            new("d-1", 100_000, AsOf.AddDays(730)),
            new("d-2", 50_000, AsOf.AddDays(-30)),
            new("d-3", 80_000, AsOf.AddYears(7)),
        ];
        var account = Account(devices: devices) with { StayProbability = 0.8 };

        var result = CustomerLifetimeValue.Compute(account, new ClvModels(Repeat, Spend), Settings);

        var expected = ((100_000 / Math.Pow(1.1, 730 / 365.25)) + 50_000) * 0.8 * 0.3;
        Assert.Equal(expected, result.Replacement, 1e-6);
        Assert.Equal(result.RepeatPurchases + result.ServiceContracts + result.Replacement, result.Total, 1e-9);
        Assert.Equal(0.8, result.StayProbability);
    }

    [Fact]
    public void Without_a_stay_probability_replacement_uses_P_alive()
    {
        var account = Account(devices: [new("d-1", 10_000, AsOf)]);

        var result = CustomerLifetimeValue.Compute(account, new ClvModels(Repeat, Spend), Settings);

        Assert.Equal(Repeat.ProbabilityAlive(2, 30.43, 38.86), result.StayProbability);
        Assert.Equal(10_000 * result.StayProbability * 0.3, result.Replacement, 1e-9);
    }

    [Fact]
    public void Bad_account_input_is_an_error_naming_the_account()
    {
        var bad = Account() with { Recency = 50 };

        var e = Assert.Throws<ClvInputException>(() => CustomerLifetimeValue.Compute(bad, new ClvModels(Repeat, Spend), Settings));

        Assert.Equal("acc-1", e.InputName);
        Assert.Equal("recency", e.Column);
    }

    [Fact]
    public void A_portfolio_is_computed_account_by_account()
    {
        var accounts = Enumerable.Range(0, 300).Select(i => Account() with { AccountId = $"a{i}", Frequency = i % 5, Recency = i % 5 == 0 ? 0 : 10 }).ToArray();

        var results = CustomerLifetimeValue.ComputeAll(accounts, new ClvModels(Repeat, Spend), Settings);

        Assert.Equal(accounts.Select(a => a.AccountId), results.Select(r => r.AccountId));
        Assert.All(results, r => Assert.True(r.Total > 0 && double.IsFinite(r.Total)));
    }
}

using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.InstallBase;

namespace MedTechAccounts.UnitTests.Features.InstallBase;

public sealed class ServiceLifeTests
{
    [Theory]
    [InlineData("2020-03-15", "2026-03-15", 72)]
    [InlineData("2020-03-15", "2026-03-14", 71)]
    [InlineData("2026-01-31", "2026-02-28", 0)]
    [InlineData("2026-11-02", "2026-11-02", 0)]
    [InlineData("2027-01-01", "2026-11-02", 0)]
    public void Age_counts_whole_months_since_the_install(string installed, string today, int months) =>
        Assert.Equal(months, ServiceLife.AgeInMonths(DateOnly.Parse(installed, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(71, "5 y 11 m")]
    [InlineData(12, "1 y 0 m")]
    [InlineData(7, "7 m")]
    public void Age_reads_in_years_and_months(int months, string text) => Assert.Equal(text, ServiceLife.FormatAge(months));

    [Fact]
    public void End_of_service_life_is_the_install_date_plus_the_products_service_life()
    {
        Assert.Equal(new DateOnly(2030, 6, 30), ServiceLife.EndOfServiceLife(new DateOnly(2020, 6, 30), 120));
        Assert.Null(ServiceLife.EndOfServiceLife(new DateOnly(2020, 6, 30), 0));
    }

    [Fact]
    public void A_device_is_near_its_end_inside_12_months_or_past_it()
    {
        var today = new DateOnly(2026, 11, 2);

        Assert.True(ServiceLife.IsNearEnd(new DateOnly(2027, 11, 2), today));
        Assert.True(ServiceLife.IsNearEnd(new DateOnly(2025, 1, 1), today));
        Assert.False(ServiceLife.IsNearEnd(new DateOnly(2027, 11, 3), today));
        Assert.False(ServiceLife.IsNearEnd(null, today));
    }

    [Fact]
    public void A_device_of_ours_lost_to_a_competitor_stays_ours_and_a_competitors_device_is_not()
    {
        Assert.True(ServiceLife.IsOurs(null, DeviceStatus.Active));
        Assert.True(ServiceLife.IsOurs("Acme", DeviceStatus.LostToCompetitor));
        Assert.False(ServiceLife.IsOurs("Acme", DeviceStatus.Active));
    }
}

using MedTechAccounts.Core.Features.Seeding;

namespace MedTechAccounts.UnitTests.Features.Seeding;

public sealed class TerritoryLayoutTests
{
    [Fact]
    public void The_large_profile_has_a_territory_and_a_rep_per_hundred_accounts()
    {
        var territories = Geography.Territories(10_000);
        var roster = new Roster(territories, 42);

        Assert.Equal(100, territories.Count);
        Assert.Equal(100, territories.Select(t => t.Name).Distinct().Count());
        Assert.Equal(territories.Select(t => t.Name), territories.Select(t => Geography.TerritoryNamed(t.Name).Name));
        Assert.Equal(100 + Geography.Regions.Count, roster.Users.Select(u => u.Email).Distinct().Count());
        Assert.All(territories, t =>
        {
            var partner = roster.Partner(t.Index);
            Assert.NotEqual(Roster.Owner(t.Index), partner);
            Assert.Equal(t.Region, territories.Single(p => Roster.Owner(p.Index) == partner).Region);
        });
    }

    [Fact]
    public void The_demo_layout_is_three_regions_of_eight_named_territories()
    {
        var territories = Geography.Territories(200);

        Assert.Equal(8, territories.Count);
        Assert.Equal(["Central", "East", "West"], territories.Select(t => t.Region).Distinct().Order());
        Assert.DoesNotContain(territories, t => t.Name.Any(char.IsDigit));
    }
}

using MedTechAccounts.Core.Features.Seeding;

namespace MedTechAccounts.UnitTests.Features.Seeding;

public sealed class PortfolioSeederDeterminismTests
{
    private static readonly SeedOptions Small = new(SeedOptions.DemoProfile, 40, 7, SeedDatabase.Today);

    [Fact]
    public async Task The_same_seed_and_day_write_identical_rows()
    {
        await using var first = await SeedDatabase.CreateAsync();
        await using var second = await SeedDatabase.CreateAsync();

        var a = await first.SeedAsync(Small);
        var b = await second.SeedAsync(Small);

        Assert.Equal(a!.Counts, b!.Counts);
        Assert.Equal(a.Patterns, b.Patterns);
        Assert.Equal(await first.DigestAsync(), await second.DigestAsync());
    }

    [Fact]
    public async Task A_different_seed_writes_different_rows()
    {
        await using var first = await SeedDatabase.CreateAsync();
        await using var second = await SeedDatabase.CreateAsync();

        await first.SeedAsync(Small);
        await second.SeedAsync(Small with { Seed = 8 });

        Assert.NotEqual(await first.DigestAsync(), await second.DigestAsync());
    }

    [Fact]
    public void Unknown_profiles_and_empty_portfolios_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new SeedOptions("huge", 10, 1, SeedDatabase.Today).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeedOptions("demo", 0, 1, SeedDatabase.Today).Validate());
        new SeedOptions("Large", 10, 1, SeedDatabase.Today).Validate();
    }
}

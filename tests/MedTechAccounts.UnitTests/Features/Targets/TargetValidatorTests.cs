using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Core;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Targets;
using MedTechAccounts.UnitTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;

namespace MedTechAccounts.UnitTests.Features.Targets;

/// <summary>Target rules on a real (in-memory SQLite) context with a fixed clock: 2 November 2026 (fiscal 2026 with a January start).</summary>
public sealed class TargetValidatorTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();

    private async Task<QuarterlyTarget> SeedAsync()
    {
        var db = _database.Db;
        await _database.AddTerritoryAsync("Chicago North", "Midwest");
        db.Products.Add(new Product { Sku = "VNT-1", Name = "Ventilator", Family = "Ventilation", Category = ProductCategory.Capital });
        var repRole = new ApplicationRole { Id = Guid.NewGuid(), Name = Roles.Rep, NormalizedName = "REP" };
        var managerRole = new ApplicationRole { Id = Guid.NewGuid(), Name = Roles.Manager, NormalizedName = "MANAGER" };
        var rep = new ApplicationUser { UserName = "rep@example.test", Email = "rep@example.test", NormalizedEmail = "REP@EXAMPLE.TEST", DisplayName = "Rita Rep" };
        var manager = new ApplicationUser { UserName = "boss@example.test", Email = "boss@example.test", NormalizedEmail = "BOSS@EXAMPLE.TEST", DisplayName = "Mo Manager" };
        db.Roles.AddRange(repRole, managerRole);
        db.Users.AddRange(rep, manager);
        db.UserRoles.AddRange(new IdentityUserRole<Guid> { UserId = rep.Id, RoleId = repRole.Id }, new IdentityUserRole<Guid> { UserId = manager.Id, RoleId = managerRole.Id });
        var existing = new QuarterlyTarget { FiscalYear = 2026, FiscalQuarter = 3, Scope = TargetScope.Region, ScopeKey = "Midwest", RevenueTarget = 1_000_000m };
        db.QuarterlyTargets.Add(existing);
        await db.SaveChangesAsync();
        return existing;
    }

    private async Task<IEnumerable<string>> FailingAsync(SetQuarterlyTarget.Command command) =>
        (await new SetQuarterlyTarget.Validator(_database.Db, _database.Clock, new FiscalCalendar()).ValidateAsync(command))
        .Errors.Select(e => e.PropertyName).Distinct().Order();

    private static SetQuarterlyTarget.Command Target(TargetScope scope, string? key) => new()
    {
        FiscalYear = 2026, FiscalQuarter = 4, Scope = scope, ScopeKey = key, RevenueTarget = 500_000m,
    };

    [Theory]
    [InlineData(TargetScope.Company, "")]
    [InlineData(TargetScope.Company, null)]
    [InlineData(TargetScope.Region, "Midwest")]
    [InlineData(TargetScope.Region, "midwest")]
    [InlineData(TargetScope.Territory, "Chicago North")]
    [InlineData(TargetScope.Rep, "REP@example.test")]
    [InlineData(TargetScope.ProductFamily, "Ventilation")]
    public async Task A_scope_key_naming_an_existing_region_territory_rep_or_family_is_valid(TargetScope scope, string? key)
    {
        await SeedAsync();

        Assert.Empty(await FailingAsync(Target(scope, key)));
    }

    [Theory]
    [InlineData(TargetScope.Company, "Midwest")]
    [InlineData(TargetScope.Region, "Atlantis")]
    [InlineData(TargetScope.Region, "")]
    [InlineData(TargetScope.Territory, "Midwest")]
    [InlineData(TargetScope.Rep, "nobody@example.test")]
    [InlineData(TargetScope.Rep, "boss@example.test")]
    [InlineData(TargetScope.ProductFamily, "Teleportation")]
    public async Task A_scope_key_that_names_nothing_of_its_scope_is_refused(TargetScope scope, string? key)
    {
        await SeedAsync();

        Assert.Equal(["ScopeKey"], await FailingAsync(Target(scope, key)));
    }

    [Fact]
    public async Task Year_quarter_and_amount_are_checked()
    {
        await SeedAsync();
        var target = Target(TargetScope.Company, "");

        Assert.Empty(await FailingAsync(target with { FiscalYear = 2031 }));
        Assert.Equal(["FiscalYear"], await FailingAsync(target with { FiscalYear = 2032 }));
        Assert.Equal(["FiscalYear"], await FailingAsync(target with { FiscalYear = 1999 }));
        Assert.Equal(["FiscalQuarter"], await FailingAsync(target with { FiscalQuarter = 5 }));
        Assert.Equal(["FiscalQuarter"], await FailingAsync(target with { FiscalQuarter = 0 }));
        Assert.Equal(["RevenueTarget"], await FailingAsync(target with { RevenueTarget = -1m }));
        Assert.Equal(["Scope"], await FailingAsync(target with { Scope = (TargetScope)42 }));
    }

    [Fact]
    public async Task A_target_cannot_be_changed_onto_the_quarter_scope_and_key_of_another()
    {
        var existing = await SeedAsync();
        var other = new QuarterlyTarget { FiscalYear = 2026, FiscalQuarter = 4, Scope = TargetScope.Region, ScopeKey = "Midwest", RevenueTarget = 1m };
        _database.Db.QuarterlyTargets.Add(other);
        await _database.Db.SaveChangesAsync();
        var edit = new SetQuarterlyTarget.Command
        {
            Id = other.Id, Version = other.Version, FiscalYear = 2026, FiscalQuarter = 3, Scope = TargetScope.Region, ScopeKey = "MIDWEST", RevenueTarget = 2m,
        };

        Assert.Equal(["ScopeKey"], await FailingAsync(edit));
        Assert.Empty(await FailingAsync(edit with { FiscalQuarter = 4 }));
        Assert.Empty(await FailingAsync(edit with { Id = existing.Id, Version = existing.Version }));
        Assert.Equal(["Version"], await FailingAsync(edit with { FiscalQuarter = 4, Version = null }));
    }

    [Fact]
    public void The_fiscal_start_month_comes_from_configuration_and_defaults_to_January()
    {
        static IConfiguration Config(string? month) => new ConfigurationBuilder()
            .AddInMemoryCollection(month is null ? [] : [new KeyValuePair<string, string?>("Fiscal:StartMonth", month)]).Build();

        Assert.Equal(1, CoreRegistration.FiscalCalendarFrom(Config(null)).StartMonth);
        Assert.Equal(7, CoreRegistration.FiscalCalendarFrom(Config("7")).StartMonth);
        Assert.Throws<InvalidOperationException>(() => CoreRegistration.FiscalCalendarFrom(Config("13")));
        Assert.Throws<InvalidOperationException>(() => CoreRegistration.FiscalCalendarFrom(Config("July")));
    }

    public void Dispose() => _database.Dispose();
}

using FluentValidation;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Incidents;
using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.UnitTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Time.Testing;

namespace MedTechAccounts.UnitTests.Features.Incidents;

/// <summary>Incident rules with a fixed clock (2 November 2026, 14:00 UTC); the database ones on in-memory SQLite.</summary>
public sealed class IncidentValidatorTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();
    private static readonly DateTime Now = new(2026, 11, 2, 14, 0, 0, DateTimeKind.Utc);

    private sealed record Times(DateTime OpenedAt, DateTime? FirstResponseAt, DateTime? ResolvedAt) : IIncidentTimes;

    private static IEnumerable<string> Failing(Times times) =>
        new IncidentTimesValidator<Times>(new FakeTimeProvider(new DateTimeOffset(Now))).Validate(times).Errors.Select(e => e.PropertyName).Distinct().Order();

    private static async Task<IEnumerable<string>> FailingAsync<T>(IValidator<T> validator, T command)
    {
        try
        {
            return (await validator.ValidateAsync(command)).Errors.Select(e => e.PropertyName).Distinct().Order();
        }
        catch (NotFoundException)
        {
            return ["404"];
        }
    }

    private async Task<(Account Account, InstalledDevice Device, InstalledDevice OtherAccountsDevice, ServiceIncident Incident)> SeedAsync()
    {
        var db = _database.Db;
        var territory = await _database.AddTerritoryAsync("North", "Midwest");
        var account = new Account { ExternalId = "ACC-1", Name = "Mercy General", TerritoryId = territory.Id };
        var other = new Account { ExternalId = "ACC-2", Name = "St. Luke", TerritoryId = territory.Id };
        var product = new Product { Sku = "VNT-1", Name = "Ventilator", Family = "Ventilation", Category = ProductCategory.Capital, ServiceLifeMonths = 120 };
        var device = new InstalledDevice { Account = account, Product = product, SerialNumber = "SN-1", InstallDate = new DateOnly(2020, 1, 1) };
        var otherDevice = new InstalledDevice { Account = other, Product = product, SerialNumber = "SN-2", InstallDate = new DateOnly(2020, 1, 1) };
        var incident = new ServiceIncident
        {
            ExternalId = "INC-000001", Account = account, Device = device, OpenedAt = Now.AddHours(-6), Severity = IncidentSeverity.Critical,
            Category = "Alarm fault", Status = IncidentStatus.Open,
        };
        db.AddRange(account, other, product, device, otherDevice, incident);
        await db.SaveChangesAsync();
        return (account, device, otherDevice, incident);
    }

    [Fact]
    public void Times_in_order_are_valid_and_equal_times_are_in_order()
    {
        Assert.Empty(Failing(new Times(Now.AddHours(-5), Now.AddHours(-4), Now.AddHours(-1))));
        Assert.Empty(Failing(new Times(Now.AddHours(-5), Now.AddHours(-5), Now.AddHours(-5))));
        Assert.Empty(Failing(new Times(Now.AddHours(-5), null, null)));
    }

    [Fact]
    public void A_first_response_before_the_opening_is_refused()
    {
        Assert.Equal(["FirstResponseAt"], Failing(new Times(Now.AddHours(-5), Now.AddHours(-6), null)));
    }

    [Fact]
    public void A_resolution_before_the_first_response_or_the_opening_is_refused()
    {
        Assert.Equal(["ResolvedAt"], Failing(new Times(Now.AddHours(-5), Now.AddHours(-2), Now.AddHours(-3))));
        Assert.Equal(["FirstResponseAt", "ResolvedAt"], Failing(new Times(Now.AddHours(-5), Now.AddHours(-6), Now.AddHours(-7))));
    }

    [Fact]
    public void A_resolution_needs_a_first_response()
    {
        Assert.Equal(["ResolvedAt"], Failing(new Times(Now.AddHours(-5), null, Now.AddHours(-1))));
    }

    [Fact]
    public void Times_may_be_a_few_minutes_ahead_for_clock_skew_but_not_more()
    {
        Assert.Empty(Failing(new Times(Now.AddMinutes(4), Now.AddMinutes(4), Now.AddMinutes(5))));
        Assert.Equal(["OpenedAt"], Failing(new Times(Now.AddMinutes(6), null, null)));
        Assert.Equal(["FirstResponseAt"], Failing(new Times(Now, Now.AddHours(1), null)));
        Assert.Equal(["ResolvedAt"], Failing(new Times(Now, Now, Now.AddDays(1))));
    }

    [Fact]
    public void An_empty_or_ancient_opening_is_refused()
    {
        Assert.Equal(["OpenedAt"], Failing(new Times(default, null, null)));
        Assert.Equal(["OpenedAt"], Failing(new Times(new DateTime(1999, 12, 31, 0, 0, 0, DateTimeKind.Utc), null, null)));
    }

    [Fact]
    public void Times_with_an_offset_are_compared_as_instants()
    {
        var opened = new DateTime(2026, 11, 2, 10, 0, 0, DateTimeKind.Utc);
        var respondedLocal = opened.AddMinutes(30).ToLocalTime(); // Kind Local, as JSON with an offset gives

        Assert.Empty(Failing(new Times(opened, respondedLocal, null)));
    }

    [Fact]
    public async Task Opening_an_incident_needs_a_device_of_the_account_a_category_and_a_plausible_time()
    {
        var (account, device, otherDevice, _) = await SeedAsync();
        var validator = new OpenIncident.Validator(_database.Db, _database.Clock);
        var valid = new OpenIncident.Command { AccountId = account.Id, DeviceId = device.Id, Severity = IncidentSeverity.Major, Category = "Battery" };

        Assert.Empty(await FailingAsync(validator, valid));
        Assert.Empty(await FailingAsync(validator, valid with { OpenedAt = Now.AddMinutes(3), ExternalId = "SVC-42" }));
        Assert.Equal(["DeviceId"], await FailingAsync(validator, valid with { DeviceId = otherDevice.Id }));
        Assert.Equal(["DeviceId"], await FailingAsync(validator, valid with { DeviceId = Guid.Empty }));
        Assert.Equal(["Category"], await FailingAsync(validator, valid with { Category = " " }));
        Assert.Equal(["Category"], await FailingAsync(validator, valid with { Category = new string('x', 101) }));
        Assert.Equal(["OpenedAt"], await FailingAsync(validator, valid with { OpenedAt = Now.AddHours(1) }));
        Assert.Equal(["Severity"], await FailingAsync(validator, valid with { Severity = (IncidentSeverity)9 }));
    }

    [Fact]
    public async Task An_external_id_is_unique_and_a_missing_account_is_not_found_before_anything_else()
    {
        var (account, device, _, incident) = await SeedAsync();
        var validator = new OpenIncident.Validator(_database.Db, _database.Clock);
        var valid = new OpenIncident.Command { AccountId = account.Id, DeviceId = device.Id, Category = "Battery" };

        Assert.Equal(["ExternalId"], await FailingAsync(validator, valid with { ExternalId = $" {incident.ExternalId} " }));
        Assert.Equal(["ExternalId"], await FailingAsync(validator, valid with { ExternalId = "bad id!" }));
        Assert.Equal(["Id"], await FailingAsync(validator, valid with { Id = incident.Id }));
        Assert.Equal(["404"], await FailingAsync(validator, valid with { AccountId = Guid.NewGuid(), Category = "" }));
    }

    [Fact]
    public async Task A_first_response_cannot_precede_the_opening_nor_be_recorded_twice()
    {
        var (_, _, _, incident) = await SeedAsync();
        var validator = new RecordFirstResponse.Validator(_database.Db, _database.Clock, SystemUser.Instance);
        var valid = new RecordFirstResponse.Command { Id = incident.Id, Version = incident.Version, RespondedAt = Now.AddHours(-5), ResponderId = null };

        // The system (no person) must name the responder.
        Assert.Equal(["ResponderId"], await FailingAsync(validator, valid));
        var user = new ApplicationUser { UserName = "rep@test", Email = "rep@test", DisplayName = "Rep" };
        var elsewhere = new ApplicationUser { UserName = "other@test", Email = "other@test", DisplayName = "Other rep" };
        var rep = new ApplicationRole(Roles.Rep) { NormalizedName = Roles.Rep.ToUpperInvariant() };
        _database.Db.AddRange(user, elsewhere, rep);
        _database.Db.UserRoles.AddRange(
            new IdentityUserRole<Guid> { UserId = user.Id, RoleId = rep.Id }, new IdentityUserRole<Guid> { UserId = elsewhere.Id, RoleId = rep.Id });
        _database.Db.UserTerritories.Add(new UserTerritory { UserId = user.Id, TerritoryId = incident.Account!.TerritoryId });
        await _database.Db.SaveChangesAsync();
        valid = valid with { ResponderId = user.Id };

        // A rep who cannot see the incident's account is not its responder.
        Assert.Equal(["ResponderId"], await FailingAsync(validator, valid with { ResponderId = elsewhere.Id }));
        Assert.Empty(await FailingAsync(validator, valid));
        Assert.Empty(await FailingAsync(validator, valid with { RespondedAt = null }));
        Assert.Equal(["RespondedAt"], await FailingAsync(validator, valid with { RespondedAt = Now.AddHours(-7) }));
        Assert.Equal(["RespondedAt"], await FailingAsync(validator, valid with { RespondedAt = Now.AddMinutes(10) }));
        Assert.Equal(["ResponderId"], await FailingAsync(validator, valid with { ResponderId = Guid.NewGuid() }));

        incident.FirstResponseAt = Now.AddHours(-5);
        await _database.Db.SaveChangesAsync();
        Assert.Equal(["Id"], await FailingAsync(validator, valid));
    }

    [Fact]
    public async Task A_resolution_cannot_precede_the_first_response_nor_the_opening_nor_happen_twice()
    {
        var (_, _, _, incident) = await SeedAsync();
        var validator = new ResolveIncident.Validator(_database.Db, _database.Clock);
        var valid = new ResolveIncident.Command { Id = incident.Id, Version = incident.Version };

        Assert.Empty(await FailingAsync(validator, valid));
        Assert.Equal(["ResolvedAt"], await FailingAsync(validator, valid with { ResolvedAt = Now.AddHours(-7) }));
        incident.FirstResponseAt = Now.AddHours(-2);
        await _database.Db.SaveChangesAsync();
        Assert.Equal(["ResolvedAt"], await FailingAsync(validator, valid with { ResolvedAt = Now.AddHours(-3) }));
        Assert.Empty(await FailingAsync(validator, valid with { ResolvedAt = Now.AddHours(-2) }));
        Assert.Equal(["ResolvedAt"], await FailingAsync(validator, valid with { ResolvedAt = Now.AddHours(1) }));

        incident.ResolvedAt = Now.AddHours(-1);
        await _database.Db.SaveChangesAsync();
        Assert.Equal(["Id"], await FailingAsync(validator, valid));
    }

    [Fact]
    public async Task An_edit_keeps_the_device_in_the_incidents_account_and_the_times_in_order()
    {
        var (account, device, otherDevice, incident) = await SeedAsync();
        var validator = new EditIncident.Validator(_database.Db, _database.Clock);
        var valid = new EditIncident.Command
        {
            Id = incident.Id, AccountId = account.Id, Version = incident.Version, ExternalId = incident.ExternalId, DeviceId = device.Id,
            OpenedAt = incident.OpenedAt, Severity = IncidentSeverity.Major, Category = "Battery", FirstResponseAt = incident.OpenedAt.AddHours(1),
        };

        Assert.Empty(await FailingAsync(validator, valid));
        Assert.Equal(["DeviceId"], await FailingAsync(validator, valid with { DeviceId = otherDevice.Id }));
        Assert.Equal(["ResolvedAt"], await FailingAsync(validator, valid with { ResolvedAt = incident.OpenedAt.AddMinutes(30) }));
        Assert.Equal(["ExternalId"], await FailingAsync(validator, valid with { ExternalId = "" }));
        Assert.Equal(["404"], await FailingAsync(validator, valid with { Id = Guid.NewGuid() }));
    }

    public void Dispose() => _database.Dispose();
}

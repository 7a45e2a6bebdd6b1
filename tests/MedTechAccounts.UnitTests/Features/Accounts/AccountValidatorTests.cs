using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Accounts;
using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.UnitTests.Infrastructure;

namespace MedTechAccounts.UnitTests.Features.Accounts;

public sealed class AccountValidatorTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private async Task<CreateAccount.Command> ValidCommandAsync()
    {
        var territory = await _database.AddTerritoryAsync($"T-{Guid.NewGuid():N}"[..12], "East");
        return new CreateAccount.Command
        {
            ExternalId = "ACC-1001", Name = "Mercy General", Segment = AccountSegment.Community, BedCount = 300,
            TerritoryId = territory.Id, TimeZone = "America/New_York",
        };
    }

    [Fact]
    public async Task A_complete_account_is_valid()
    {
        var result = await new CreateAccount.Validator(_database.Db).ValidateAsync(await ValidCommandAsync());

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData("Name", "")]
    [InlineData("ExternalId", "has spaces")]
    [InlineData("BedCount", "-1")]
    [InlineData("BedCount", "5001")]
    [InlineData("TimeZone", "Mars/Olympus")]
    public async Task A_bad_field_is_reported_by_its_name(string field, string value)
    {
        var command = await ValidCommandAsync();
        command = field switch
        {
            "Name" => command with { Name = value },
            "ExternalId" => command with { ExternalId = value },
            "BedCount" => command with { BedCount = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            _ => command with { TimeZone = value },
        };

        var result = await new CreateAccount.Validator(_database.Db).ValidateAsync(command);

        Assert.Equal([field], result.Errors.Select(e => e.PropertyName).Distinct());
    }

    [Fact]
    public async Task A_territory_outside_the_callers_scope_is_refused()
    {
        var command = await ValidCommandAsync();
        var mine = await _database.AddTerritoryAsync("Mine", "East");
        _database.Db.Scope = AccessScope.Territories([mine.Id]);

        var result = await new CreateAccount.Validator(_database.Db).ValidateAsync(command);

        Assert.Contains(result.Errors, e => e.PropertyName == nameof(CreateAccount.Command.TerritoryId));
    }

    [Fact]
    public async Task An_external_id_already_used_is_refused()
    {
        var command = await ValidCommandAsync();
        _database.Db.Accounts.Add(new Account { ExternalId = command.ExternalId, Name = "Other", TerritoryId = command.TerritoryId });
        await _database.Db.SaveChangesAsync();

        var result = await new CreateAccount.Validator(_database.Db).ValidateAsync(command);

        Assert.Contains(result.Errors, e => e.PropertyName == nameof(CreateAccount.Command.ExternalId) && e.ErrorMessage.Contains("already used", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_account_cannot_become_the_child_of_its_own_child()
    {
        var command = await ValidCommandAsync();
        var parent = new Account { ExternalId = "P", Name = "Health System", TerritoryId = command.TerritoryId };
        var child = new Account { ExternalId = "C", Name = "Member Hospital", TerritoryId = command.TerritoryId, ParentAccountId = parent.Id };
        _database.Db.Accounts.AddRange(parent, child);
        await _database.Db.SaveChangesAsync();

        var edit = new EditAccount.Command
        {
            Id = parent.Id, Version = parent.Version, ExternalId = "P", Name = "Health System", TerritoryId = command.TerritoryId,
            TimeZone = "America/Chicago", ParentAccountId = child.Id,
        };
        var result = await new EditAccount.Validator(_database.Db).ValidateAsync(edit);

        Assert.Contains(result.Errors, e => e.PropertyName == nameof(EditAccount.Command.ParentAccountId));
    }

    [Fact]
    public async Task Editing_an_account_outside_the_scope_is_not_found_rather_than_invalid()
    {
        var command = await ValidCommandAsync();
        var account = new Account { ExternalId = "F", Name = "Foreign", TerritoryId = command.TerritoryId };
        _database.Db.Accounts.Add(account);
        await _database.Db.SaveChangesAsync();
        _database.Db.Scope = AccessScope.Territories([Guid.NewGuid()]);

        var edit = new EditAccount.Command { Id = account.Id, Version = account.Version, Name = "", TerritoryId = command.TerritoryId };

        await Assert.ThrowsAsync<NotFoundException>(() => new EditAccount.Validator(_database.Db).ValidateAsync(edit));
    }
}

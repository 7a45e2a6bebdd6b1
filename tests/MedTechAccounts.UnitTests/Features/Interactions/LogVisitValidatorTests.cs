using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Interactions;
using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.UnitTests.Infrastructure;

namespace MedTechAccounts.UnitTests.Features.Interactions;

public sealed class LogVisitValidatorTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private DateTime Now => _database.Clock.GetUtcNow().UtcDateTime;

    private async Task<(LogVisit.Command Command, Account Account, Contact Contact, InstalledDevice Device)> ValidAsync()
    {
        var territory = await _database.AddTerritoryAsync($"T-{Guid.NewGuid():N}"[..12], "East");
        var account = new Account { ExternalId = $"A-{Guid.NewGuid():N}"[..12], Name = "Mercy General", TerritoryId = territory.Id, TimeZone = "America/Chicago" };
        var product = new Product { Sku = $"P-{Guid.NewGuid():N}"[..12], Name = "Infusion pump", Family = "Infusion" };
        var contact = new Contact { Account = account, ExternalId = $"C-{Guid.NewGuid():N}"[..12], Name = "Dr. Ana Ruiz" };
        var device = new InstalledDevice { Account = account, Product = product, SerialNumber = "SN-1", InstallDate = new DateOnly(2024, 1, 1) };
        _database.Db.AddRange(account, product, contact, device);
        await _database.Db.SaveChangesAsync();
        var command = new LogVisit.Command
        {
            Id = Guid.NewGuid(), AccountId = account.Id, OccurredAt = Now.AddMinutes(-10), Type = InteractionType.Visit,
            ContactIds = [contact.Id], DeviceIds = [device.Id], Notes = "Pump alarms after update.", VoiceOfCustomer = ["Alarm fatigue on nights"],
            Sentiment = 1, NextStep = "Send firmware notes", NextStepDue = DateOnly.FromDateTime(Now).AddDays(7),
        };
        return (command, account, contact, device);
    }

    private Task<FluentValidation.Results.ValidationResult> ValidateAsync(LogVisit.Command command) =>
        new LogVisit.Validator(_database.Db, _database.Clock).ValidateAsync(command);

    private static IEnumerable<string> Fields(FluentValidation.Results.ValidationResult result) =>
        result.Errors.Select(e => e.PropertyName).Distinct().Order();

    [Fact]
    public async Task A_complete_visit_is_valid()
    {
        var (command, _, _, _) = await ValidAsync();

        var result = await ValidateAsync(command);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public async Task Only_type_and_time_are_needed()
    {
        var (command, _, _, _) = await ValidAsync();

        var result = await ValidateAsync(command with { ContactIds = [], DeviceIds = [], Notes = null, VoiceOfCustomer = [], Sentiment = 0, NextStep = null, NextStepDue = null });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public async Task A_visit_a_few_minutes_ahead_of_the_server_clock_is_accepted_as_clock_skew()
    {
        var (command, _, _, _) = await ValidAsync();

        var result = await ValidateAsync(command with { OccurredAt = Now.AddMinutes(4) });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(60 * 24)]
    public async Task A_visit_in_the_future_beyond_clock_skew_is_refused(int minutesAhead)
    {
        var (command, _, _, _) = await ValidAsync();

        var result = await ValidateAsync(command with { OccurredAt = Now.AddMinutes(minutesAhead), NextStepDue = null, NextStep = null });

        Assert.Equal(["OccurredAt"], Fields(result));
        Assert.Contains("future", result.Errors[0].ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visit_more_than_a_year_ago_is_refused_as_a_likely_typo()
    {
        var (command, _, _, _) = await ValidAsync();

        var result = await ValidateAsync(command with { OccurredAt = Now.AddDays(-400), NextStepDue = null, NextStep = null });

        Assert.Equal(["OccurredAt"], Fields(result));
    }

    [Fact]
    public async Task A_missing_time_is_refused()
    {
        var (command, _, _, _) = await ValidAsync();

        var result = await ValidateAsync(command with { OccurredAt = default, NextStepDue = null, NextStep = null });

        Assert.Contains("OccurredAt", Fields(result));
    }

    [Theory]
    [InlineData(-3)]
    [InlineData(3)]
    public async Task Sentiment_outside_minus_two_to_two_is_refused(int sentiment)
    {
        var (command, _, _, _) = await ValidAsync();

        var result = await ValidateAsync(command with { Sentiment = sentiment });

        Assert.Equal(["Sentiment"], Fields(result));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public async Task Sentiment_at_the_ends_of_the_range_is_accepted(int sentiment)
    {
        var (command, _, _, _) = await ValidAsync();

        Assert.True((await ValidateAsync(command with { Sentiment = sentiment })).IsValid);
    }

    [Fact]
    public async Task A_next_step_due_before_the_visit_is_refused()
    {
        var (command, _, _, _) = await ValidAsync();

        var result = await ValidateAsync(command with { OccurredAt = Now.AddDays(-3), NextStepDue = DateOnly.FromDateTime(Now).AddDays(-5) });

        Assert.Equal(["NextStepDue"], Fields(result));
    }

    [Fact]
    public async Task A_next_step_due_on_the_local_day_of_the_visit_is_accepted()
    {
        // 02:00 UTC on 2 November is the evening of 1 November in Chicago.
        var (command, _, _, _) = await ValidAsync();
        var occurred = new DateTime(2026, 11, 2, 2, 0, 0, DateTimeKind.Utc);

        var result = await ValidateAsync(command with { OccurredAt = occurred, NextStepDue = new DateOnly(2026, 11, 1) });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public async Task A_due_date_without_a_next_step_is_refused()
    {
        var (command, _, _, _) = await ValidAsync();

        var result = await ValidateAsync(command with { NextStep = "  " });

        Assert.Equal(["NextStep"], Fields(result));
    }

    [Fact]
    public async Task Text_longer_than_its_column_is_refused_by_field()
    {
        var (command, _, _, _) = await ValidAsync();

        var result = await ValidateAsync(command with
        {
            Notes = new string('n', 4001), NextStep = new string('s', 501), VoiceOfCustomer = [new string('v', 301)],
        });

        Assert.Equal(["NextStep", "Notes", "VoiceOfCustomer"], Fields(result));
    }

    [Fact]
    public async Task Contacts_and_devices_of_another_account_are_refused()
    {
        var (command, _, _, _) = await ValidAsync();
        var (_, _, otherContact, otherDevice) = await ValidAsync();

        var result = await ValidateAsync(command with { ContactIds = [otherContact.Id], DeviceIds = [otherDevice.Id] });

        Assert.Equal(["ContactIds", "DeviceIds"], Fields(result));
    }

    [Fact]
    public async Task An_account_outside_the_callers_territories_is_not_found_before_any_field_is_checked()
    {
        var (command, _, _, _) = await ValidAsync();
        _database.Db.Scope = AccessScope.Territories([Guid.NewGuid()]);

        await Assert.ThrowsAsync<NotFoundException>(() => ValidateAsync(command with { Sentiment = 9 }));
    }

    [Fact]
    public async Task A_missing_client_id_is_refused()
    {
        var (command, _, _, _) = await ValidAsync();

        Assert.Equal(["Id"], Fields(await ValidateAsync(command with { Id = Guid.Empty })));
    }
}

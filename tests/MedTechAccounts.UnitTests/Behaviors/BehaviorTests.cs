using MedTechAccounts.Core.Data;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using MedTechAccounts.Core.Behaviors;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Moq;

namespace MedTechAccounts.UnitTests.Behaviors;

public sealed class BehaviorTests
{
    public sealed record Ping(string Name) : ICommand<string>;

    private static MessageHandlerDelegate<Ping, string> Next(Func<string> body) => (_, _) => ValueTask.FromResult(body());

    [Fact]
    public async Task Validation_failures_of_all_validators_stop_the_message_keyed_by_field()
    {
        var first = new Mock<IValidator<Ping>>();
        first.Setup(v => v.ValidateAsync(It.IsAny<Ping>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ValidationResult([new ValidationFailure("Name", "Name is required.")]));
        var second = new Mock<IValidator<Ping>>();
        second.Setup(v => v.ValidateAsync(It.IsAny<Ping>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ValidationResult([new ValidationFailure("Name", "Name is too short."), new ValidationFailure("Other", "Bad.")]));
        var handled = false;

        var behavior = new ValidationBehavior<Ping, string>([first.Object, second.Object]);
        var error = await Assert.ThrowsAsync<ValidationFailedException>(async () =>
            await behavior.Handle(new Ping(""), Next(() => { handled = true; return "pong"; }), CancellationToken.None));

        Assert.False(handled);
        Assert.Equal(["Name is required.", "Name is too short."], error.Errors["Name"]);
        Assert.Equal(["Bad."], error.Errors["Other"]);
    }

    [Fact]
    public async Task A_valid_message_reaches_the_handler()
    {
        var validator = new Mock<IValidator<Ping>>();
        validator.Setup(v => v.ValidateAsync(It.IsAny<Ping>(), It.IsAny<CancellationToken>())).ReturnsAsync(new ValidationResult());

        var result = await new ValidationBehavior<Ping, string>([validator.Object]).Handle(new Ping("x"), Next(() => "pong"), CancellationToken.None);

        Assert.Equal("pong", result);
    }

    public sealed record Note(string? Notes, bool ConfirmedNoPatientInformation) : ICommand<string>, IPatientInformationGuarded;

    [Fact]
    public async Task Flagged_notes_are_held_with_one_reason_per_kind_and_never_reach_the_handler()
    {
        var handled = false;

        var held = await Assert.ThrowsAsync<PatientInformationHeldException>(async () =>
            await new PatientInformationHoldBehavior<Note, string>().Handle(
                new Note("MRN 1234567, DOB 01/02/1960", ConfirmedNoPatientInformation: false),
                (_, _) => { handled = true; return ValueTask.FromResult("stored"); }, CancellationToken.None));

        Assert.False(handled);
        Assert.Equal(["The notes look like they contain a medical record number.", "The notes look like they contain a date of birth."], held.Reasons);
    }

    [Theory]
    [InlineData("MRN 1234567, DOB 01/02/1960", true)]
    [InlineData("Walked the ICU team through the alarm limits.", false)]
    [InlineData(null, false)]
    public async Task Confirmed_or_clean_notes_reach_the_handler(string? notes, bool confirmed)
    {
        var result = await new PatientInformationHoldBehavior<Note, string>().Handle(
            new Note(notes, confirmed), (_, _) => ValueTask.FromResult("stored"), CancellationToken.None);

        Assert.Equal("stored", result);
    }

    [Fact]
    public async Task The_transaction_behavior_saves_the_handlers_changes_once_and_commits()
    {
        using var database = new InMemoryDatabase();
        var territory = await database.AddTerritoryAsync("North", "East");
        database.Db.ChangeTracker.Clear();

        await new TransactionBehavior<Ping, string>(database.Db, new SqliteWriteGate()).Handle(new Ping("x"), Next(() =>
        {
            database.Db.Accounts.Add(new Account { ExternalId = "A-1", Name = "Saved Hospital", TerritoryId = territory.Id });
            return "ok";
        }), CancellationToken.None);

        database.Db.ChangeTracker.Clear();
        Assert.True(await database.Db.Accounts.AnyAsync(a => a.ExternalId == "A-1"));
        Assert.True(await database.Db.AuditEntries.AnyAsync(e => e.Entity == nameof(Account) && e.Field == nameof(Account.Name) && e.NewValue == "Saved Hospital"));
    }

    [Fact]
    public async Task A_stale_version_becomes_a_conflict_and_nothing_is_saved()
    {
        using var database = new InMemoryDatabase();
        var territory = await database.AddTerritoryAsync("North", "East");
        var account = new Account { ExternalId = "A-2", Name = "Original", TerritoryId = territory.Id };
        database.Db.Accounts.Add(account);
        await database.Db.SaveChangesAsync();
        database.Db.ChangeTracker.Clear();

        var behavior = new TransactionBehavior<Ping, string>(database.Db, new SqliteWriteGate());
        await Assert.ThrowsAsync<ConflictException>(async () => await behavior.Handle(new Ping("x"), Next(() =>
        {
            var tracked = database.Db.Accounts.Single(a => a.Id == account.Id);
            database.Db.Entry(tracked).Property(a => a.Version).OriginalValue = Guid.NewGuid(); // what a stale editor saw
            tracked.Name = "Overwritten";
            return "ok";
        }), CancellationToken.None));

        database.Db.ChangeTracker.Clear();
        Assert.Equal("Original", (await database.Db.Accounts.SingleAsync(a => a.Id == account.Id)).Name);
    }

    [Fact]
    public async Task Audit_entries_cannot_be_changed_or_deleted()
    {
        using var database = new InMemoryDatabase();
        await database.AddTerritoryAsync("North", "East");
        var entry = await database.Db.AuditEntries.FirstAsync();

        entry.NewValue = "tampered";

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.Db.SaveChangesAsync());
    }

    [Fact]
    public async Task Changing_an_accounts_facts_marks_it_stale_in_the_same_save()
    {
        using var database = new InMemoryDatabase();
        var territory = await database.AddTerritoryAsync("North", "East");
        var account = new Account { ExternalId = "A-3", Name = "Stale General", TerritoryId = territory.Id };
        database.Db.Accounts.Add(account);
        await database.Db.SaveChangesAsync();
        Assert.False(await database.Db.StaleAccounts.AnyAsync());

        database.Db.Contacts.Add(new Contact { AccountId = account.Id, ExternalId = "C-1", Name = "Pat Biomed", Role = ContactRole.Biomed });
        await database.Db.SaveChangesAsync();

        var mark = await database.Db.StaleAccounts.SingleAsync();
        Assert.Equal(account.Id, mark.AccountId);
        Assert.Equal(database.Clock.GetUtcNow().UtcDateTime, mark.MarkedAt);
    }
}

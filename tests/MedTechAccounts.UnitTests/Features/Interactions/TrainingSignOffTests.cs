using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Interactions;
using MedTechAccounts.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.UnitTests.Features.Interactions;

/// <summary>In-service training sign-off: what a valid training needs, and that a signature cannot be changed.</summary>
public sealed class TrainingSignOffTests : IDisposable
{
    /// <summary>The smallest valid PNG (1x1 pixel).</summary>
    public static readonly string Png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    private readonly InMemoryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private DateTime Now => _database.Clock.GetUtcNow().UtcDateTime;

    private async Task<(LogVisit.Command Command, Contact Contact, Product Product)> TrainingAsync()
    {
        var territory = await _database.AddTerritoryAsync($"T-{Guid.NewGuid():N}"[..12], "East");
        var account = new Account { ExternalId = $"A-{Guid.NewGuid():N}"[..12], Name = "Mercy General", TerritoryId = territory.Id, TimeZone = "America/Chicago" };
        var product = new Product { Sku = $"P-{Guid.NewGuid():N}"[..12], Name = "Infusion pump", Family = "Infusion" };
        var contact = new Contact { Account = account, ExternalId = $"C-{Guid.NewGuid():N}"[..12], Name = "Dana Lee", Title = "ICU charge nurse" };
        _database.Db.AddRange(account, product, contact);
        await _database.Db.SaveChangesAsync();
        var command = new LogVisit.Command
        {
            Id = Guid.NewGuid(), AccountId = account.Id, OccurredAt = Now.AddMinutes(-40), Type = InteractionType.InServiceTraining,
            TrainedProductId = product.Id,
            Attendees =
            [
                new TrainingAttendeeInput { ContactId = contact.Id, Name = "Dana Lee", Role = "ICU charge nurse", Signature = Png, SignedAt = Now.AddMinutes(-5) },
                new TrainingAttendeeInput { Name = "Sam Ortiz", Role = "ICU nurse", Signature = Png, SignedAt = Now.AddMinutes(-4) },
            ],
        };
        return (command, contact, product);
    }

    private Task<FluentValidation.Results.ValidationResult> ValidateAsync(LogVisit.Command command) =>
        new LogVisit.Validator(_database.Db, _database.Clock).ValidateAsync(command);

    private static IEnumerable<string> Fields(FluentValidation.Results.ValidationResult result) =>
        result.Errors.Select(e => e.PropertyName).Distinct().Order();

    [Fact]
    public async Task A_training_with_a_model_and_signed_attendees_is_valid()
    {
        var (command, _, _) = await TrainingAsync();

        var result = await ValidateAsync(command);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public async Task A_training_needs_the_model_and_at_least_one_attendee()
    {
        var (command, _, _) = await TrainingAsync();

        var result = await ValidateAsync(command with { TrainedProductId = null, Attendees = [] });

        Assert.Equal(["Attendees", "TrainedProductId"], Fields(result));
    }

    [Fact]
    public async Task The_model_must_be_in_the_catalog()
    {
        var (command, _, _) = await TrainingAsync();

        var result = await ValidateAsync(command with { TrainedProductId = Guid.NewGuid() });

        Assert.Equal(["TrainedProductId"], Fields(result));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 at all")]
    [InlineData("data:image/png;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")] // a GIF
    public async Task A_missing_or_non_png_signature_names_the_attendee(string signature)
    {
        var (command, _, _) = await TrainingAsync();

        var result = await ValidateAsync(command with { Attendees = [command.Attendees[0], command.Attendees[1] with { Signature = signature }] });

        Assert.Equal(["Attendees[1].Signature"], Fields(result));
    }

    [Fact]
    public async Task A_signature_in_the_future_or_before_the_training_is_refused()
    {
        var (command, _, _) = await TrainingAsync();

        var future = await ValidateAsync(command with { Attendees = [command.Attendees[0] with { SignedAt = Now.AddMinutes(30) }] });
        var early = await ValidateAsync(command with { Attendees = [command.Attendees[0] with { SignedAt = command.OccurredAt.AddHours(-2) }] });
        var withinSlack = await ValidateAsync(command with { Attendees = [command.Attendees[0] with { SignedAt = command.OccurredAt.AddMinutes(-30) }] });

        Assert.Equal(["Attendees[0].SignedAt"], Fields(future));
        Assert.Equal(["Attendees[0]"], Fields(early));
        Assert.True(withinSlack.IsValid, string.Join("; ", withinSlack.Errors));
    }

    [Fact]
    public async Task A_contact_signs_once_and_must_belong_to_the_account()
    {
        var (command, contact, _) = await TrainingAsync();

        var twice = await ValidateAsync(command with { Attendees = [command.Attendees[0], command.Attendees[0] with { Name = "Dana L." }] });
        var foreign = await ValidateAsync(command with { Attendees = [command.Attendees[0] with { ContactId = Guid.NewGuid() }] });

        Assert.Equal(["Attendees"], Fields(twice));
        Assert.Equal(["Attendees"], Fields(foreign));
        Assert.NotEqual(Guid.Empty, contact.Id);
    }

    [Fact]
    public async Task Other_visit_types_carry_no_model_or_attendees()
    {
        var (command, _, _) = await TrainingAsync();

        var result = await ValidateAsync(command with { Type = InteractionType.Visit });

        Assert.Equal(["Attendees", "TrainedProductId"], Fields(result));
    }

    [Fact]
    public async Task The_signatures_are_part_of_the_request_hash()
    {
        var (command, _, _) = await TrainingAsync();
        var rep = Guid.NewGuid();

        var original = InteractionText.RequestHash(command.Id, rep, command, command.Source, command);
        var resigned = InteractionText.RequestHash(command.Id, rep, command, command.Source,
            command with { Attendees = [command.Attendees[0] with { Signature = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR42mNk+M9QzwAEjDAAGngCAaW/ClcAAAAASUVORK5CYII=" }, command.Attendees[1]] });
        var visit = command with { Type = InteractionType.Visit, TrainedProductId = null, Attendees = [] };

        Assert.NotEqual(original, resigned);
        // A visit without training fields hashes exactly as before sign-off existed, so old replays still match.
        Assert.Equal(InteractionText.RequestHash(visit.Id, rep, visit, visit.Source), InteractionText.RequestHash(visit.Id, rep, visit, visit.Source, visit));
    }

    [Fact]
    public async Task A_stored_signature_cannot_be_changed_or_deleted()
    {
        var (command, _, _) = await TrainingAsync();
        var rep = new ApplicationUser { UserName = "rep-signoff", Email = "rep-signoff@example.test", DisplayName = "Riley Rep" };
        _database.Db.Users.Add(rep);
        var interaction = new Interaction
        {
            Id = command.Id, ExternalId = command.Id.ToString(), AccountId = command.AccountId, RepId = rep.Id, OccurredAt = command.OccurredAt,
            Type = InteractionType.InServiceTraining, TrainedProductId = command.TrainedProductId,
        };
        interaction.SignOffs.AddRange(command.Attendees.Select(a => new TrainingSignOff
        {
            AccountId = command.AccountId, AttendeeName = a.Name, SignaturePng = TrainingSignature.Decode(a.Signature)!,
            SignatureSha256 = TrainingSignature.Sha256(TrainingSignature.Decode(a.Signature)!), SignedAt = a.SignedAt, RecordedById = rep.Id,
        }));
        _database.Db.Interactions.Add(interaction);
        await _database.Db.SaveChangesAsync();

        var signOff = await _database.Db.TrainingSignOffs.FirstAsync();
        signOff.AttendeeName = "Someone else";
        var change = await Assert.ThrowsAsync<InvalidOperationException>(() => _database.Db.SaveChangesAsync());
        _database.Db.ChangeTracker.Clear();
        _database.Db.TrainingSignOffs.Remove(await _database.Db.TrainingSignOffs.FirstAsync());
        var delete = await Assert.ThrowsAsync<InvalidOperationException>(() => _database.Db.SaveChangesAsync());

        Assert.Contains("cannot be changed or deleted", change.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be changed or deleted", delete.Message, StringComparison.Ordinal);
        // The audit row of the image names its size and hash, not the bytes.
        Assert.Contains(await _database.Db.AuditEntries.Where(e => e.Entity == nameof(TrainingSignOff) && e.Field == nameof(TrainingSignOff.SignaturePng)).Select(e => e.NewValue).ToListAsync(),
            v => v!.StartsWith("(", StringComparison.Ordinal) && v.Contains("SHA-256", StringComparison.Ordinal));
    }
}

using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions;

/// <summary>One interaction as stored, with the patient-information warnings of its notes.</summary>
public static class InteractionDetails
{
    public sealed record Query(Guid Id) : IQuery<Result>;

    public sealed record Result
    {
        public Guid Id { get; init; }
        public string ExternalId { get; init; } = "";
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public Guid RepId { get; init; }
        public string RepName { get; init; } = "";
        public DateTime OccurredAt { get; init; }
        public InteractionType Type { get; init; }
        public IReadOnlyList<Guid> ContactIds { get; init; } = [];
        public IReadOnlyList<Guid> DeviceIds { get; init; } = [];
        public string? Notes { get; init; }
        public IReadOnlyList<string> VoiceOfCustomer { get; init; } = [];
        public int Sentiment { get; init; }
        public string? NextStep { get; init; }
        public DateOnly? NextStepDue { get; init; }
        public DateTime? NextStepDoneAt { get; init; }
        public InteractionSource Source { get; init; }
        public Guid Version { get; init; }

        /// <summary>In-service training: the device model trained on.</summary>
        public Guid? TrainedProductId { get; init; }

        /// <summary>In-service training: the signed attendees (the images are served by the attendance sheet).</summary>
        public IReadOnlyList<SignOff> SignOffs { get; init; } = [];

        /// <summary>Notes that look like they hold patient identifiers (never a refusal).</summary>
        public IReadOnlyList<string> Warnings { get; init; } = [];

        /// <summary>Built in code from the entity, so a fresh insert and a stored record answer the same body.</summary>
        internal static Result From(Interaction i, string accountName, string repName) => new()
        {
            Id = i.Id,
            ExternalId = i.ExternalId,
            AccountId = i.AccountId,
            AccountName = accountName,
            RepId = i.RepId,
            RepName = repName,
            OccurredAt = i.OccurredAt,
            Type = i.Type,
            ContactIds = i.Contacts.Select(c => c.ContactId).Order().ToList(),
            DeviceIds = i.Devices.Select(d => d.DeviceId).Order().ToList(),
            Notes = i.Notes,
            VoiceOfCustomer = InteractionText.SplitProblems(i.VoiceOfCustomer),
            Sentiment = i.Sentiment,
            NextStep = i.NextStep,
            NextStepDue = i.NextStepDue,
            NextStepDoneAt = i.NextStepDoneAt,
            Source = i.Source,
            Version = i.Version,
            Warnings = PatientIdentifierCheck.Check(i.Notes),
            TrainedProductId = i.TrainedProductId,
            SignOffs = [.. i.SignOffs.OrderBy(s => s.SignedAt).ThenBy(s => s.AttendeeName)
                .Select(s => new SignOff(s.Id, s.ContactId, s.AttendeeName, s.AttendeeRole, s.SignedAt, s.SignatureSha256))],
        };
    }

    /// <summary>One signed attendee of a training.</summary>
    public sealed record SignOff(Guid Id, Guid? ContactId, string AttendeeName, string? AttendeeRole, DateTime SignedAt, string SignatureSha256);

    /// <summary>Loads an interaction (scoped) with its links and names; null when missing or foreign.</summary>
    internal static async Task<Result?> LoadAsync(AppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var interaction = await db.Interactions.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (interaction is null)
        {
            return null;
        }

        await InteractionLinks.LoadAsync(db, interaction, signOffs: true, cancellationToken);

        var accountName = await db.Accounts.Where(a => a.Id == interaction.AccountId).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        var repName = await db.Users.Where(u => u.Id == interaction.RepId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "";
        return Result.From(interaction, accountName, repName);
    }

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken) =>
            await LoadAsync(db, query.Id, cancellationToken) ?? throw new NotFoundException("Interaction", query.Id);
    }
}

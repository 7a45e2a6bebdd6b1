using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions;

/// <summary>
/// A compliance officer's redaction of a stored note (patient information typed by mistake): the interaction's notes
/// and every audit entry's copy of them become <see cref="AuditEntry.RedactionMarker"/>, and one audit entry records who,
/// when and why. The only change the database lets anyone make to an audit entry (migration AuditRedaction).
/// </summary>
public static class RedactNotes
{
    public const int MaxReason = 500;

    public sealed record Command : ICommand<Unit>
    {
        public Guid Id { get; init; }

        /// <summary>Why the notes are redacted, as the compliance officer typed it; kept in the audit log.</summary>
        public string? Reason { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db)
        {
            RuleFor(c => c.Id).MustExistIn(db.Interactions, "Interaction");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the notes are redacted.").MaximumLength(MaxReason);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser currentUser, TimeProvider clock) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var interaction = await db.Interactions.SingleOrDefaultAsync(i => i.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Interaction", command.Id);
            var id = interaction.Id.ToString();
            const string field = nameof(Interaction.Notes);

            // Past the interceptor, inside the command's transaction; the database allows exactly this update.
            await db.AuditEntries
                .Where(e => e.Entity == nameof(Interaction) && e.EntityId == id && e.Field == field)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(e => e.OldValue, e => e.OldValue == null ? null : AuditEntry.RedactionMarker)
                    .SetProperty(e => e.NewValue, e => e.NewValue == null ? null : AuditEntry.RedactionMarker), cancellationToken);

            if (interaction.Notes is not null)
            {
                // The interceptor audits this change with the marker as both values: the text is kept nowhere.
                db.RedactedFields.Add((nameof(Interaction), id, field));
                interaction.Notes = AuditEntry.RedactionMarker;
            }

            db.AuditEntries.Add(new AuditEntry
            {
                UserId = currentUser.UserId,
                UserName = currentUser.Name,
                At = clock.GetUtcNow().UtcDateTime,
                Entity = nameof(Interaction),
                EntityId = id,
                Action = AuditAction.Redact,
                Field = field,
                NewValue = command.Reason!.Trim(),
            });
            return Unit.Value;
        }
    }
}

using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Behaviors;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions;

/// <summary>Corrects a logged interaction. Only its author, a manager or an admin may; a stale version is refused.</summary>
public static class EditInteraction
{
    /// <summary>Loads the edit form: the stored values and the version the editor starts from.</summary>
    public sealed record Query(Guid Id) : IQuery<Command>;

    public sealed record Command : ICommand<Guid>, IInteractionFields, IPatientInformationGuarded
    {
        public Guid Id { get; init; }

        /// <summary>The version the editor saw; a save against a newer version is refused.</summary>
        public Guid Version { get; init; }

        /// <summary>Must be the interaction's account: an interaction does not move between accounts.</summary>
        public Guid AccountId { get; init; }
        public DateTime OccurredAt { get; init; }
        public InteractionType Type { get; init; }
        public IReadOnlyList<Guid> ContactIds { get; init; } = new List<Guid>();
        public IReadOnlyList<Guid> DeviceIds { get; init; } = new List<Guid>();
        public string? Notes { get; init; }

        /// <summary>
        /// The rep confirmed the notes contain no patient information. Flagged notes without it are held (422, nothing
        /// stored). Not part of the visit's content: a replay answers the same with or without it.
        /// </summary>
        public bool ConfirmedNoPatientInformation { get; init; }
        public IReadOnlyList<string> VoiceOfCustomer { get; init; } = new List<string>();
        public int Sentiment { get; init; }
        public string? NextStep { get; init; }
        public DateOnly? NextStepDue { get; init; }
    }

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            var i = await db.Interactions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("Interaction", query.Id);
            await InteractionLinks.LoadAsync(db, i, signOffs: false, cancellationToken);
            return new Command
            {
                Id = i.Id,
                Version = i.Version,
                AccountId = i.AccountId,
                OccurredAt = i.OccurredAt,
                Type = i.Type,
                ContactIds = i.Contacts.Select(c => c.ContactId).ToList(),
                DeviceIds = i.Devices.Select(d => d.DeviceId).ToList(),
                Notes = i.Notes,
                VoiceOfCustomer = InteractionText.SplitProblems(i.VoiceOfCustomer).ToList(),
                Sentiment = i.Sentiment,
                NextStep = i.NextStep,
                NextStepDue = i.NextStepDue,
            };
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, TimeProvider clock)
        {
            RuleFor(c => c.Id).MustExistIn(db.Interactions, "Interaction");
            RuleFor(c => c.Version).NotEmpty();
            RuleFor(c => c.AccountId)
                .MustAsync(async (command, accountId, ct) => await db.Interactions.AnyAsync(i => i.Id == command.Id && i.AccountId == accountId, ct))
                .WithMessage("An interaction cannot be moved to another account.");
            Include(new InteractionFieldsValidator<Command>(db, clock));
            RuleFor(c => c.Type)
                .MustAsync(async (command, type, ct) => type == InteractionType.InServiceTraining
                    || !await db.TrainingSignOffs.AnyAsync(s => s.InteractionId == command.Id, ct))
                .WithMessage("Type stays In-service training: attendees signed for this training.");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser currentUser) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var interaction = await db.Interactions.SingleOrDefaultAsync(i => i.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Interaction", command.Id);
            await InteractionLinks.LoadTrackedAsync(db, interaction, cancellationToken);
            InteractionAccess.EnsureMayChange(interaction, currentUser);
            db.Entry(interaction).Property(i => i.Version).OriginalValue = command.Version;
            command.ApplyTo(interaction, db);

            // The links are rows of their own; touch the interaction so its version guards them too.
            db.Entry(interaction).State = EntityState.Modified;
            return interaction.Id;
        }
    }
}

internal static class InteractionAccess
{
    /// <summary>The author changes their own interactions; managers and admins any in their scope.</summary>
    public static void EnsureMayChange(Interaction interaction, ICurrentUser user)
    {
        if (interaction.RepId != user.UserId && !user.IsInRole(Roles.Manager) && !user.IsInRole(Roles.Admin))
        {
            throw new ForbiddenException("Only the rep who logged this interaction, a manager or an admin may change it.");
        }
    }
}

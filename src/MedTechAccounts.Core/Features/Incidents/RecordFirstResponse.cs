using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Incidents;

/// <summary>
/// Records the first response to an open incident: when (now by default) and who (the current user by default).
/// The incident becomes <see cref="IncidentStatus.Responded"/>. A recorded response is corrected with <see cref="EditIncident"/>.
/// </summary>
public static class RecordFirstResponse
{
    public sealed record Command : ICommand<Result>
    {
        public Guid Id { get; init; }

        /// <summary>The version the user saw; a change against a newer version is refused.</summary>
        public Guid Version { get; init; }

        /// <summary>UTC; now when empty.</summary>
        public DateTime? RespondedAt { get; init; }

        /// <summary>The person who responded; the current user when empty.</summary>
        public Guid? ResponderId { get; init; }
    }

    public sealed record Result(Guid Id, Guid AccountId, string ExternalId, IncidentStatus Status, DateTime FirstResponseAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, TimeProvider clock, ICurrentUser currentUser)
        {
            RuleFor(c => c.Id).MustExistIn(db.Incidents, "Incident");
            RuleFor(c => c.Version).NotEmpty();
            RuleFor(c => c.Id)
                .MustAsync(async (id, ct) => await db.Incidents.AnyAsync(i => i.Id == id && i.FirstResponseAt == null && i.ResolvedAt == null, ct))
                .WithMessage("This incident already has a first response; edit the incident to correct it.");
            RuleFor(c => c.RespondedAt)
                .Must(at => IncidentText.IsNotInFuture(at, clock)).WithMessage("First response cannot be in the future.")
                .MustAsync(async (c, at, ct) =>
                {
                    var respondedAt = UtcTime.ToMillisecond(at) ?? clock.GetUtcNow().UtcDateTime;
                    var openedAt = await db.Incidents.Where(i => i.Id == c.Id).Select(i => (DateTime?)i.OpenedAt).SingleOrDefaultAsync(ct);
                    return openedAt is null || respondedAt >= openedAt.Value;
                })
                .WithMessage("First response cannot be before the incident was opened.");
            RuleFor(c => c.ResponderId).MustBeResponderFor(db, c => c.Id);
            RuleFor(c => c.ResponderId).NotEmpty().When(_ => currentUser.UserId is null)
                .WithMessage("Name the responder: an integration client is not a person.");
        }
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock, ICurrentUser currentUser) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Incident", command.Id);
            db.Entry(incident).Property(i => i.Version).OriginalValue = command.Version;
            incident.FirstResponseAt = UtcTime.ToMillisecond(command.RespondedAt) ?? UtcTime.ToMillisecond(clock.GetUtcNow().UtcDateTime);
            incident.ResponderId = command.ResponderId ?? currentUser.UserId;
            incident.Status = IncidentSla.StatusOf(incident.FirstResponseAt, incident.ResolvedAt);
            return new Result(incident.Id, incident.AccountId, incident.ExternalId, incident.Status, incident.FirstResponseAt.Value);
        }
    }
}

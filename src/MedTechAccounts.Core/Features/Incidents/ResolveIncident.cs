using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Incidents;

/// <summary>
/// Resolves an incident (now by default). An incident resolved without a recorded first response gets one at the
/// same time, by the current user: the resolution was the response, and its SLA is judged by it.
/// </summary>
public static class ResolveIncident
{
    public sealed record Command : ICommand<Result>
    {
        public Guid Id { get; init; }

        /// <summary>The version the user saw; a change against a newer version is refused.</summary>
        public Guid Version { get; init; }

        /// <summary>UTC; now when empty.</summary>
        public DateTime? ResolvedAt { get; init; }
    }

    public sealed record Result(Guid Id, Guid AccountId, string ExternalId, IncidentStatus Status, DateTime ResolvedAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, TimeProvider clock)
        {
            RuleFor(c => c.Id).MustExistIn(db.Incidents, "Incident");
            RuleFor(c => c.Version).NotEmpty();
            RuleFor(c => c.Id)
                .MustAsync(async (id, ct) => await db.Incidents.AnyAsync(i => i.Id == id && i.ResolvedAt == null, ct))
                .WithMessage("This incident is already resolved.");
            RuleFor(c => c.ResolvedAt)
                .Must(at => IncidentText.IsNotInFuture(at, clock)).WithMessage("Resolved at cannot be in the future.")
                .MustAsync(async (c, at, ct) =>
                {
                    var resolvedAt = UtcTime.ToMillisecond(at) ?? clock.GetUtcNow().UtcDateTime;
                    var times = await db.Incidents.Where(i => i.Id == c.Id)
                        .Select(i => new { i.OpenedAt, i.FirstResponseAt }).SingleOrDefaultAsync(ct);
                    return times is null || resolvedAt >= (times.FirstResponseAt ?? times.OpenedAt);
                })
                .WithMessage("Resolved at cannot be before the first response or the opening.");
        }
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock, ICurrentUser currentUser) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Incident", command.Id);
            db.Entry(incident).Property(i => i.Version).OriginalValue = command.Version;
            var resolvedAt = UtcTime.ToMillisecond(command.ResolvedAt) ?? UtcTime.ToMillisecond(clock.GetUtcNow().UtcDateTime);
            if (incident.FirstResponseAt is null)
            {
                incident.FirstResponseAt = resolvedAt;
                incident.ResponderId ??= currentUser.UserId;
            }

            incident.ResolvedAt = resolvedAt;
            incident.Status = IncidentSla.StatusOf(incident.FirstResponseAt, incident.ResolvedAt);
            return new Result(incident.Id, incident.AccountId, incident.ExternalId, incident.Status, resolvedAt);
        }
    }
}

using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MedTechAccounts.Core.Features.Incidents;

/// <summary>
/// Corrects every field of an incident: external id, device (within its account), times, severity, category,
/// responder and the after-hours flag (derived again from the opening time when left empty). The status follows
/// the times. The account does not change.
/// </summary>
public static class EditIncident
{
    public sealed record Query(Guid Id) : IQuery<Command>;

    public sealed record Command : ICommand<Guid>, IIncidentFields, IIncidentTimes
    {
        public Guid Id { get; init; }

        /// <summary>Shown for navigation; an incident does not move between accounts by an edit.</summary>
        public Guid AccountId { get; init; }

        /// <summary>The version the editor saw; a save against a newer version is refused.</summary>
        public Guid Version { get; init; }
        public string ExternalId { get; init; } = "";
        public Guid DeviceId { get; init; }
        public DateTime OpenedAt { get; init; }
        public IncidentSeverity Severity { get; init; }
        public string Category { get; init; } = "";
        public DateTime? FirstResponseAt { get; init; }
        public DateTime? ResolvedAt { get; init; }
        public Guid? ResponderId { get; init; }

        /// <summary>
        /// Empty: derived from the opening time and the site's business hours; true or false: set by a person.
        /// Read back empty when the stored flag equals the derived one.
        /// </summary>
        public bool? AfterHours { get; init; }
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<ServiceIncident, Command>();
    }

    public sealed class QueryHandler(AppDbContext db, IConfigurationProvider mapping, IOptions<IncidentOptions> options) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            var command = await db.Incidents.AsNoTracking().Where(i => i.Id == query.Id).ProjectTo<Command>(mapping).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Incident", query.Id);
            var zone = await db.TimeZoneOfAsync(command.AccountId, cancellationToken);
            var derived = AfterHours.IsAfterHours(command.OpenedAt, zone, options.Value.BusinessHours);
            return command.AfterHours == derived ? command with { AfterHours = null } : command;
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, TimeProvider clock)
        {
            RuleFor(c => c.Id).MustExistIn(db.Incidents, "Incident");
            RuleFor(c => c.Version).NotEmpty();
            Include(new IncidentFieldsValidator<Command>(db, async (c, ct) =>
                await db.Incidents.Where(i => i.Id == c.Id).Select(i => (Guid?)i.AccountId).SingleOrDefaultAsync(ct)));
            Include(new IncidentTimesValidator<Command>(clock));
            RuleFor(c => c.ExternalId).NotEmpty().MaximumLength(IncidentLimits.MaxExternalId)
                .Matches("^[A-Za-z0-9][A-Za-z0-9._/-]*$").WithMessage("External id may contain letters, digits and . _ / - only.");
            RuleFor(c => c.ExternalId)
                .MustAsync(async (c, externalId, ct) =>
                    await db.Incidents.IsFreeAsync(i => i.ExternalId == externalId.Trim() && i.Id != c.Id, ct))
                .When(c => !string.IsNullOrWhiteSpace(c.ExternalId))
                .WithMessage("An incident with this external id already exists.");
            RuleFor(c => c.ResponderId).MustBeResponderFor(db, c => c.Id);
        }
    }

    public sealed class Handler(AppDbContext db, IOptions<IncidentOptions> options) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Incident", command.Id);
            db.Entry(incident).Property(i => i.Version).OriginalValue = command.Version;
            var zone = await db.TimeZoneOfAsync(incident.AccountId, cancellationToken);
            incident.ExternalId = command.ExternalId.Trim();
            incident.DeviceId = command.DeviceId;
            incident.OpenedAt = UtcTime.ToMillisecond(command.OpenedAt);
            incident.Severity = command.Severity;
            incident.Category = command.Category.Trim();
            incident.FirstResponseAt = UtcTime.ToMillisecond(command.FirstResponseAt);
            incident.ResolvedAt = UtcTime.ToMillisecond(command.ResolvedAt);
            incident.ResponderId = incident.FirstResponseAt is null ? null : command.ResponderId;
            incident.AfterHours = command.AfterHours ?? AfterHours.IsAfterHours(incident.OpenedAt, zone, options.Value.BusinessHours);
            incident.Status = IncidentSla.StatusOf(incident.FirstResponseAt, incident.ResolvedAt);
            return incident.Id;
        }
    }
}

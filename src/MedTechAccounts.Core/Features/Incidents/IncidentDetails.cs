using AutoMapper;
using AutoMapper.QueryableExtensions;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MedTechAccounts.Core.Features.Incidents;

/// <summary>One incident with its device, account, SLA status and deadline, and its times at the site.</summary>
public static class IncidentDetails
{
    public sealed record Query(Guid Id) : IQuery<Result>;

    public sealed record Result
    {
        public Guid Id { get; init; }
        public string ExternalId { get; init; } = "";
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public string AccountTimeZone { get; init; } = "";
        public string TerritoryName { get; init; } = "";
        public Guid DeviceId { get; init; }
        public string DeviceSerialNumber { get; init; } = "";
        public string DeviceProductName { get; init; } = "";
        public string? DeviceDepartment { get; init; }
        public DateTime OpenedAt { get; init; }
        public IncidentSeverity Severity { get; init; }
        public string Category { get; init; } = "";
        public DateTime? FirstResponseAt { get; init; }
        public DateTime? ResolvedAt { get; init; }
        public bool AfterHours { get; init; }
        public Guid? ResponderId { get; init; }
        public string? ResponderName { get; init; }
        public IncidentStatus Status { get; init; }
        public Guid Version { get; init; }

        /// <summary>The severity's first-response target, in hours.</summary>
        public double TargetHours { get; init; }
        public DateTime ResponseDeadline { get; init; }
        public SlaStatus Sla { get; init; }

        /// <summary>What the configured business hours say of the opening time; differs from <see cref="AfterHours"/> when it was set by hand or imported.</summary>
        public bool AfterHoursDerived { get; init; }

        /// <summary>The opening time on the site's wall clock.</summary>
        public DateTime OpenedAtLocal { get; init; }
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<ServiceIncident, Result>()
            .ForMember(r => r.AccountName, o => o.MapFrom(i => i.Account!.Name))
            .ForMember(r => r.AccountTimeZone, o => o.MapFrom(i => i.Account!.TimeZone))
            .ForMember(r => r.TerritoryName, o => o.MapFrom(i => i.Account!.Territory!.Name))
            .ForMember(r => r.DeviceProductName, o => o.MapFrom(i => i.Device!.Product!.Name))
            .ForMember(r => r.ResponderName, o => o.MapFrom(i => i.Responder!.DisplayName))
            .ForMember(r => r.TargetHours, o => o.Ignore())
            .ForMember(r => r.ResponseDeadline, o => o.Ignore())
            .ForMember(r => r.Sla, o => o.Ignore())
            .ForMember(r => r.AfterHoursDerived, o => o.Ignore())
            .ForMember(r => r.OpenedAtLocal, o => o.Ignore());
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping, TimeProvider clock, IOptions<IncidentOptions> options)
        : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var incident = await db.Incidents.AsNoTracking().Where(i => i.Id == query.Id).ProjectTo<Result>(mapping).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Incident", query.Id);
            var settings = options.Value;
            return incident with
            {
                TargetHours = settings.FirstResponseHours.For(incident.Severity),
                ResponseDeadline = IncidentSla.Deadline(incident.OpenedAt, incident.Severity, settings),
                Sla = IncidentSla.Status(incident.OpenedAt, incident.Severity, incident.FirstResponseAt, clock.GetUtcNow().UtcDateTime, settings),
                AfterHoursDerived = AfterHours.IsAfterHours(incident.OpenedAt, incident.AccountTimeZone, settings.BusinessHours),
                OpenedAtLocal = AfterHours.Local(incident.OpenedAt, incident.AccountTimeZone),
            };
        }
    }
}

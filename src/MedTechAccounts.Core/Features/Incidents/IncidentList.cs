using System.ComponentModel.DataAnnotations;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MedTechAccounts.Core.Features.Incidents;

/// <summary>Which incidents a list shows.</summary>
public enum IncidentListStatus
{
    /// <summary>Not yet resolved: open or responded.</summary>
    [Display(Name = "Open")]
    Open,
    [Display(Name = "All")]
    All,
}

/// <summary>
/// Incidents across the accounts the caller may see, filtered by account, territory, status (open by default) and
/// severity; the ones that missed their first-response target first (overdue, then breached), then by response
/// deadline, soonest first. Each row carries its SLA status and deadline. Paged.
/// </summary>
public static class IncidentList
{
    public sealed record Query : IQuery<PagedResult<Row>>
    {
        public Guid? AccountId { get; init; }
        public Guid? TerritoryId { get; init; }
        public IncidentListStatus Status { get; init; } = IncidentListStatus.Open;
        public IncidentSeverity? Severity { get; init; }
        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = Paging.DefaultPageSize;
    }

    public sealed record Row
    {
        public Guid Id { get; init; }
        public string ExternalId { get; init; } = "";
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public Guid TerritoryId { get; init; }
        public string TerritoryName { get; init; } = "";
        public Guid DeviceId { get; init; }
        public string DeviceSerialNumber { get; init; } = "";
        public string DeviceProductName { get; init; } = "";
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

        /// <summary>Opening time plus the severity's first-response target.</summary>
        public DateTime ResponseDeadline { get; init; }
        public SlaStatus Sla { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.Status).IsInEnum();
            RuleFor(q => q.Severity).IsInEnum();
        }
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<ServiceIncident, Row>()
            .ForMember(r => r.AccountName, o => o.MapFrom(i => i.Account!.Name))
            .ForMember(r => r.TerritoryId, o => o.MapFrom(i => i.Account!.TerritoryId))
            .ForMember(r => r.TerritoryName, o => o.MapFrom(i => i.Account!.Territory!.Name))
            .ForMember(r => r.DeviceProductName, o => o.MapFrom(i => i.Device!.Product!.Name))
            .ForMember(r => r.ResponderName, o => o.MapFrom(i => i.Responder!.DisplayName))
            .ForMember(r => r.ResponseDeadline, o => o.Ignore())
            .ForMember(r => r.Sla, o => o.Ignore());
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping, TimeProvider clock, IOptions<IncidentOptions> options)
        : IQueryHandler<Query, PagedResult<Row>>
    {
        public async ValueTask<PagedResult<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var incidents = db.Incidents.AsNoTracking().OfVisibleAccounts(db);
            if (query.AccountId is { } accountId)
            {
                incidents = incidents.Where(i => i.AccountId == accountId);
            }

            if (query.TerritoryId is { } territoryId)
            {
                incidents = incidents.Where(i => i.Account!.TerritoryId == territoryId);
            }

            if (query.Status == IncidentListStatus.Open)
            {
                incidents = incidents.Where(i => i.ResolvedAt == null);
            }

            if (query.Severity is { } severity)
            {
                incidents = incidents.Where(i => i.Severity == severity);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var total = await incidents.CountAsync(cancellationToken);
            var rows = await BreachedFirst(incidents, options.Value, now)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .ProjectTo<Row>(mapping).ToListAsync(cancellationToken);
            return new PagedResult<Row>(rows.Select(r => WithSla(r, options.Value, now)).ToList(), query.Page, query.PageSize, total);
        }
    }

    /// <summary>
    /// The list order, in SQL: overdue, breached, pending, met; then by response deadline and id. The deadline is
    /// the opening time plus the severity's target, so the targets go in as parameters.
    /// </summary>
    internal static IQueryable<ServiceIncident> BreachedFirst(IQueryable<ServiceIncident> incidents, IncidentOptions options, DateTime now)
    {
        var critical = options.FirstResponseHours.Critical;
        var major = options.FirstResponseHours.Major;
        var minor = options.FirstResponseHours.Minor;
        return incidents
            .Select(i => new
            {
                Incident = i,
                Deadline = i.OpenedAt.AddHours(i.Severity == IncidentSeverity.Critical ? critical : i.Severity == IncidentSeverity.Major ? major : minor),
            })
            .OrderBy(x => x.Incident.FirstResponseAt == null
                ? (x.Deadline < now ? (int)SlaStatus.Overdue : (int)SlaStatus.Pending)
                : (x.Incident.FirstResponseAt > x.Deadline ? (int)SlaStatus.Breached : (int)SlaStatus.Met))
            .ThenBy(x => x.Deadline)
            .ThenBy(x => x.Incident.Id)
            .Select(x => x.Incident);
    }

    internal static Row WithSla(Row row, IncidentOptions options, DateTime now) => row with
    {
        ResponseDeadline = IncidentSla.Deadline(row.OpenedAt, row.Severity, options),
        Sla = IncidentSla.Status(row.OpenedAt, row.Severity, row.FirstResponseAt, now, options),
    };
}

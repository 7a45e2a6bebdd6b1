using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Behaviors;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MedTechAccounts.Core.Features.Incidents;

/// <summary>
/// The manager dashboard's incident SLA breaches: the unresolved incidents of the filtered accounts that missed their
/// first-response target, overdue (still no response) first, then breached (answered late), oldest deadline first,
/// with the counts per state and the accounts they belong to.
/// </summary>
public static class SlaBreaches
{
    public sealed record Query : IQuery<Result>, ICachedQuery
    {
        public DashboardFilter Filter { get; init; } = new();
    }

    public sealed record Result(int Overdue, int Breached, int Accounts, IReadOnlyList<IncidentList.Row> Rows);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Filter.Segment).IsInEnum();
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping, TimeProvider clock, IOptions<IncidentOptions> options) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var accounts = db.Accounts.AsNoTracking().Matching(query.Filter).Select(a => a.Id);
            var open = db.Incidents.AsNoTracking().Where(i => i.ResolvedAt == null && accounts.Contains(i.AccountId));
            var now = clock.GetUtcNow().UtcDateTime;
            var rows = (await IncidentList.BreachedFirst(open, options.Value, now).ProjectTo<IncidentList.Row>(mapping).ToListAsync(ct))
                .Select(r => IncidentList.WithSla(r, options.Value, now))
                .Where(r => IncidentSla.IsMissed(r.Sla))
                .ToList();
            return new Result(rows.Count(r => r.Sla == SlaStatus.Overdue), rows.Count(r => r.Sla == SlaStatus.Breached),
                rows.Select(r => r.AccountId).Distinct().Count(), rows);
        }
    }
}

using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MedTechAccounts.Core.Features.Incidents;

/// <summary>
/// An account's incidents resolved in the last <see cref="WindowDays"/> days, the most recently resolved first,
/// each with how it stood against its first-response target; for the account page next to the open ones.
/// </summary>
public static class RecentIncidents
{
    public const int WindowDays = 90;
    public const int MaxRows = 5;

    public sealed record Query(Guid AccountId) : IQuery<Result>;

    public sealed record Result(Guid AccountId, int TotalCount, IReadOnlyList<IncidentList.Row> Rows);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(AppDbContext db) => RuleFor(q => q.AccountId).MustExistIn(db.Accounts, "Account");
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping, TimeProvider clock, IOptions<IncidentOptions> options)
        : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var since = now.AddDays(-WindowDays);
            var resolved = db.Incidents.AsNoTracking().Where(i => i.AccountId == query.AccountId && i.ResolvedAt != null && i.ResolvedAt >= since);
            var total = await resolved.CountAsync(cancellationToken);
            var rows = await resolved.OrderByDescending(i => i.ResolvedAt).ThenBy(i => i.Id).Take(MaxRows)
                .ProjectTo<IncidentList.Row>(mapping).ToListAsync(cancellationToken);
            return new Result(query.AccountId, total, rows.Select(r => IncidentList.WithSla(r, options.Value, now)).ToList());
        }
    }
}

using FluentValidation;
using Mediator;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Targets;

/// <summary>Quarterly revenue targets the reader may see (<see cref="TargetVisibility"/>): fiscal-year and scope filters, by quarter then scope and key; paged. Each row carries the quarter's dates.</summary>
public static class TargetList
{
    public sealed record Query : IQuery<PagedResult<Row>>
    {
        public int? FiscalYear { get; init; }
        public TargetScope? Scope { get; init; }
        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = Paging.DefaultPageSize;
    }

    public sealed record Row
    {
        public Guid Id { get; init; }
        public int FiscalYear { get; init; }
        public int FiscalQuarter { get; init; }

        /// <summary>"2026-Q3".</summary>
        public string Quarter { get; init; } = "";
        public DateOnly QuarterStart { get; init; }
        public DateOnly QuarterEnd { get; init; }
        public TargetScope Scope { get; init; }
        public string ScopeKey { get; init; } = "";

        /// <summary>For a rep's target, the rep's name (the key is their login); null otherwise or when no such user is left.</summary>
        public string? RepName { get; init; }
        public decimal RevenueTarget { get; init; }
        public Guid Version { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.FiscalYear).InclusiveBetween(1, 9998);
            RuleFor(q => q.Scope).IsInEnum();
        }
    }

    public sealed class Handler(AppDbContext db, FiscalCalendar calendar, ICurrentUser currentUser) : IQueryHandler<Query, PagedResult<Row>>
    {
        public async ValueTask<PagedResult<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var targets = db.QuarterlyTargets.AsNoTracking().VisibleTo(db, currentUser);
            if (query.FiscalYear is { } year)
            {
                targets = targets.Where(t => t.FiscalYear == year);
            }

            if (query.Scope is { } scope)
            {
                targets = targets.Where(t => t.Scope == scope);
            }

            var total = await targets.CountAsync(cancellationToken);
            var page = await targets.OrderByDescending(t => t.FiscalYear).ThenByDescending(t => t.FiscalQuarter).ThenBy(t => t.Scope).ThenBy(t => t.ScopeKey)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .ToListAsync(cancellationToken);

            // People by their names: a rep target's key is the rep's e-mail (their login).
            var logins = page.Where(t => t.Scope == TargetScope.Rep).Select(t => t.ScopeKey.ToUpperInvariant()).Distinct().ToList();
            var names = logins.Count == 0 ? new Dictionary<string, string>() : await db.Users.AsNoTracking()
                .Where(u => u.NormalizedEmail != null && logins.Contains(u.NormalizedEmail) && u.DisplayName != "")
                .Select(u => new { u.NormalizedEmail, u.DisplayName })
                .ToDictionaryAsync(u => u.NormalizedEmail!, u => u.DisplayName, cancellationToken);
            return new PagedResult<Row>(page.Select(t => ToRow(t, calendar) with
            {
                RepName = t.Scope == TargetScope.Rep && names.TryGetValue(t.ScopeKey.ToUpperInvariant(), out var name) ? name : null,
            }).ToList(), query.Page, query.PageSize, total);
        }
    }

    internal static Row ToRow(QuarterlyTarget t, FiscalCalendar calendar)
    {
        var quarter = new FiscalQuarter(t.FiscalYear, t.FiscalQuarter);
        return new Row
        {
            Id = t.Id, FiscalYear = t.FiscalYear, FiscalQuarter = t.FiscalQuarter, Quarter = quarter.Label,
            QuarterStart = calendar.Start(quarter), QuarterEnd = calendar.End(quarter), Scope = t.Scope, ScopeKey = t.ScopeKey,
            RevenueTarget = t.RevenueTarget, Version = t.Version,
        };
    }
}

using FluentValidation;
using Mediator;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MedTechAccounts.Core.Features.Scoring;

/// <summary>
/// The quarterly view of DESIGN 4.4, per fiscal quarter (the current one and the ones before it)
/// and scope: revenue against target, the discount-bought share of it, the summed CLV at the start
/// and end of the quarter from the stored scores, the accounts that hit their quarter while their
/// CLV fell, and for the current quarter a forecast from the expected orders. Reads orders and
/// stored scores only; nothing is recomputed. The caller's territories bound every number.
/// </summary>
public static class QuarterlyView
{
    public const int MaxQuarters = 12;
    private const int HitListLength = 50;

    public sealed record Query : IQuery<Result>
    {
        public TargetScope Scope { get; init; } = TargetScope.Company;

        /// <summary>Region, territory name, rep e-mail or product family; empty for the company.</summary>
        public string? Key { get; init; }

        /// <summary>How many quarters, the current one included (default 9: the current and the last 8).</summary>
        public int Quarters { get; init; } = 9;

        /// <summary>
        /// Optionally narrows a company, region, territory or rep view to one product family's revenue. The scope's
        /// target then no longer applies and the CLV (per account, not per family) is not shown.
        /// </summary>
        public string? Family { get; init; }
    }

    public sealed record Result(TargetScope Scope, string Key, DateOnly Today, IReadOnlyList<QuarterRow> Quarters);

    /// <summary>
    /// One quarter. <c>ClvStart</c>/<c>ClvEnd</c> sum the latest stored score of each account on or before the
    /// quarter's first and last day (null when no account had one, or for a product family: CLV is per account);
    /// <c>Forecast</c> only for the current quarter: revenue so far plus expected orders for the rest of it.
    /// </summary>
    public sealed record QuarterRow(
        string Quarter,
        DateOnly Start,
        DateOnly End,
        bool Current,
        decimal Revenue,
        decimal? Target,
        double? Attainment,
        decimal DiscountBoughtRevenue,
        double DiscountBoughtShare,
        decimal? ClvStart,
        decimal? ClvEnd,
        decimal? ClvChange,
        decimal? Forecast,
        IReadOnlyList<HitWhileClvFell> HitWhileClvFell);

    /// <summary>An account whose quarter revenue reached its mean of the four quarters before, while its CLV fell.</summary>
    public sealed record HitWhileClvFell(Guid AccountId, string Name, decimal Revenue, decimal UsualRevenue, decimal ClvStart, decimal ClvEnd);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Scope).IsInEnum();
            RuleFor(q => q.Key).NotEmpty().When(q => q.Scope != TargetScope.Company).WithMessage("Name the region, territory, rep e-mail or product family.");
            RuleFor(q => q.Quarters).InclusiveBetween(1, MaxQuarters);
            RuleFor(q => q.Family).MaximumLength(100);
        }
    }

    public sealed class Handler(AppDbContext db, FiscalCalendar calendar, TimeProvider clock, IOptions<ScoringOptions> options, ICurrentUser currentUser)
        : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var key = query.Scope == TargetScope.Company ? "" : query.Key!.Trim();
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var current = calendar.QuarterOf(today);
            var quarters = Enumerable.Range(0, query.Quarters).Select(i => Back(current, query.Quarters - 1 - i)).ToList();
            // Four more quarters back: each account's usual revenue before the first quarter shown.
            var from = calendar.Start(Back(quarters[0], 4));

            // The scope stays a subquery: a list of ids would be one SQL parameter per account (10,000 on a large portfolio).
            var accounts = ScopedAccounts(query.Scope, key);
            var accountIds = accounts.Select(a => a.Id);
            var names = await accounts.Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, ct);

            // A product family's own view, or another view narrowed to one family: only that family's lines count.
            var family = string.IsNullOrWhiteSpace(query.Family) || query.Scope == TargetScope.ProductFamily ? null : query.Family.Trim();
            var lineFamily = query.Scope == TargetScope.ProductFamily ? key : family;
            var perAccount = lineFamily is null;

            // One row per order with its sums, from the orders' index on date; the lines are read through their order.
            var inWindow = db.Orders.AsNoTracking().Where(o => o.OrderDate >= from && o.OrderDate <= today);
            if (query.Scope != TargetScope.Company)
            {
                inWindow = inWindow.Where(o => accountIds.Contains(o.AccountId));
            }

            var orders = (lineFamily is null
                    ? await inWindow
                        .Select(o => new { o.AccountId, o.OrderDate, o.Type, List = o.Lines.Sum(l => l.ListAmount), Net = o.Lines.Sum(l => l.NetAmount) })
                        .ToListAsync(ct)
                    : await inWindow
                        .Where(o => o.Lines.Any(l => l.Product!.Family == lineFamily))
                        .Select(o => new
                        {
                            o.AccountId, o.OrderDate, o.Type,
                            List = o.Lines.Where(l => l.Product!.Family == lineFamily).Sum(l => l.ListAmount),
                            Net = o.Lines.Where(l => l.Product!.Family == lineFamily).Sum(l => l.NetAmount),
                        })
                        .ToListAsync(ct))
                .Select(o => (o.AccountId, Fact: new OrderFact(o.OrderDate, o.List, o.Net, o.Type.ToString())))
                .ToList();
            var ordersByAccount = orders.ToLookup(o => o.AccountId, o => o.Fact);
            // The CLV as of a quarter's first day and as of its last day (a backfill stores both); each day is read once.
            var clvByDay = new Dictionary<DateOnly, Dictionary<Guid, decimal>>();
            async Task<Dictionary<Guid, decimal>> ClvOn(DateOnly day)
            {
                if (!clvByDay.TryGetValue(day, out var clv))
                {
                    clv = await ClvOnAsync(accountIds, day, ct);
                    clvByDay[day] = clv;
                }

                return clv;
            }
            var targets = await db.QuarterlyTargets.AsNoTracking().VisibleTo(db, currentUser)
                .Where(t => t.Scope == query.Scope)
                .Select(t => new { t.FiscalYear, t.FiscalQuarter, t.ScopeKey, t.RevenueTarget })
                .ToListAsync(ct);

            var settings = options.Value.Signals;
            var rows = new List<QuarterRow>();
            foreach (var quarter in quarters)
            {
                var (start, end) = (calendar.Start(quarter), calendar.End(quarter));
                var inQuarter = orders.Where(o => o.Fact.OrderDate >= start && o.Fact.OrderDate <= end).ToList();
                var revenue = inQuarter.Sum(o => o.Fact.NetAmount);
                var bought = inQuarter.Where(o => LoyaltySignals.IsDiscountBought(o.Fact, settings)).Sum(o => o.Fact.NetAmount);
                var target = family is not null ? null : targets.FirstOrDefault(t => t.FiscalYear == quarter.Year && t.FiscalQuarter == quarter.Quarter
                    && string.Equals(t.ScopeKey, key, StringComparison.OrdinalIgnoreCase))?.RevenueTarget;

                Dictionary<Guid, decimal>? clvStart = null, clvEnd = null;
                if (perAccount)
                {
                    clvStart = await ClvOn(start);
                    clvEnd = await ClvOn(end < today ? end : today);
                }

                var isCurrent = quarter == current;
                rows.Add(new QuarterRow(
                    quarter.Label, start, end, isCurrent, revenue, target,
                    target is > 0 ? Math.Round((double)(revenue / target.Value), 4) : null,
                    bought, revenue > 0 ? Math.Round((double)(bought / revenue), 4) : 0,
                    clvStart is { Count: > 0 } ? clvStart.Values.Sum() : null,
                    clvEnd is { Count: > 0 } ? clvEnd.Values.Sum() : null,
                    clvStart is { Count: > 0 } && clvEnd is { Count: > 0 } ? clvEnd.Values.Sum() - clvStart.Values.Sum() : null,
                    isCurrent ? revenue + await ExpectedRestAsync(accountIds, ordersByAccount, today, end, ct) : null,
                    HitWhileFell(quarter, inQuarter, ordersByAccount, clvStart, clvEnd, names)));
            }

            return new Result(query.Scope, key, today, rows);
        }

        private static FiscalQuarter Back(FiscalQuarter quarter, int steps)
        {
            for (var i = 0; i < steps; i++)
            {
                quarter = quarter.Previous();
            }

            return quarter;
        }

        private IQueryable<Account> ScopedAccounts(TargetScope scope, string key) => scope switch
        {
            TargetScope.Region => db.Accounts.AsNoTracking().Where(a => a.Territory!.Region == key),
            TargetScope.Territory => db.Accounts.AsNoTracking().Where(a => a.Territory!.Name == key),
            TargetScope.Rep => db.Accounts.AsNoTracking().Where(a => a.OwnerRep!.NormalizedEmail == key.ToUpperInvariant()),
            _ => db.Accounts.AsNoTracking(),
        };

        /// <summary>Each account's CLV from its latest stored score on or before <paramref name="day"/>.</summary>
        private async Task<Dictionary<Guid, decimal>> ClvOnAsync(IQueryable<Guid> accountIds, DateOnly day, CancellationToken ct) =>
            await db.AccountScores.AsNoTracking()
                .Where(s => accountIds.Contains(s.AccountId)
                    && s.AsOf == db.AccountScores.Where(t => t.AccountId == s.AccountId && t.AsOf <= day).Max(t => (DateOnly?)t.AsOf))
                .ToDictionaryAsync(s => s.AccountId, s => s.Clv, ct);

        /// <summary>
        /// The rest of the current quarter: per account, expected orders of the next year (latest score) × the share
        /// of the year left in the quarter × the account's mean order value of the last four quarters.
        /// </summary>
        private async Task<decimal> ExpectedRestAsync(IQueryable<Guid> accountIds, ILookup<Guid, OrderFact> orders, DateOnly today, DateOnly end, CancellationToken ct)
        {
            var expected = await db.AccountScores.AsNoTracking()
                .Where(s => accountIds.Contains(s.AccountId)
                    && s.AsOf == db.AccountScores.Where(t => t.AccountId == s.AccountId && t.AsOf <= today).Max(t => (DateOnly?)t.AsOf))
                .ToDictionaryAsync(s => s.AccountId, s => s.ExpectedOrders, ct);
            var yearBack = today.AddYears(-1);
            var meanOrder = orders
                .Select(g => (AccountId: g.Key, LastYear: g.Where(o => o.OrderDate > yearBack).ToList()))
                .Where(a => a.LastYear.Count > 0)
                .ToDictionary(a => a.AccountId, a => a.LastYear.Average(o => o.NetAmount));
            var shareOfYearLeft = Math.Max(0, end.DayNumber - today.DayNumber) / 365.25;
            return Math.Round(expected.Sum(e => (decimal)(e.Value * shareOfYearLeft) * meanOrder.GetValueOrDefault(e.Key)), 2);
        }

        private List<HitWhileClvFell> HitWhileFell(
            FiscalQuarter quarter, List<(Guid AccountId, OrderFact Fact)> inQuarter, ILookup<Guid, OrderFact> all,
            Dictionary<Guid, decimal>? clvStart, Dictionary<Guid, decimal>? clvEnd, Dictionary<Guid, string> names)
        {
            if (clvStart is null || clvEnd is null)
            {
                return [];
            }

            var (usualFrom, usualTo) = (calendar.Start(Back(quarter, 4)), calendar.Start(quarter));
            return inQuarter.GroupBy(o => o.AccountId)
                .Select(g =>
                {
                    var revenue = g.Sum(o => o.Fact.NetAmount);
                    var usual = all[g.Key].Where(o => o.OrderDate >= usualFrom && o.OrderDate < usualTo).Sum(o => o.NetAmount) / 4;
                    return (Id: g.Key, Revenue: revenue, Usual: usual);
                })
                .Where(a => a.Revenue > 0 && a.Revenue >= a.Usual && clvStart.TryGetValue(a.Id, out var s) && clvEnd.TryGetValue(a.Id, out var e) && e < s)
                .Select(a => new HitWhileClvFell(a.Id, names.GetValueOrDefault(a.Id, ""), a.Revenue, Math.Round(a.Usual, 2), clvStart[a.Id], clvEnd[a.Id]))
                .OrderBy(a => a.ClvEnd - a.ClvStart)
                .Take(HitListLength)
                .ToList();
        }
    }
}

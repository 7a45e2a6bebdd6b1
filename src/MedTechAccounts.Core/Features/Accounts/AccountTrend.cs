using FluentValidation;
using Mediator;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Accounts;

/// <summary>
/// An account's health score and CLV over the last fiscal quarters (the current one included), read from the
/// stored daily snapshots: each quarter shows the latest snapshot dated inside it, on or before its last day
/// (for the current quarter, on or before today). A quarter with no snapshot inside it is a gap, never filled
/// by carrying an older one forward and never recomputed. A point from a backfilled snapshot says so: it was
/// reconstructed later from the facts dated by its day, not scored on the day.
/// </summary>
public static class AccountTrend
{
    public const int DefaultQuarters = 8;
    public const int MaxQuarters = 12;

    public sealed record Query(Guid AccountId) : IQuery<Result>
    {
        public int Quarters { get; init; } = DefaultQuarters;
    }

    public sealed record Result(Guid AccountId, DateOnly Today, IReadOnlyList<QuarterPoint> Quarters)
    {
        public int Gaps => Quarters.Count(q => q.AsOf is null);
    }

    /// <summary>One quarter; <see cref="AsOf"/> and the numbers are null when no snapshot is dated inside it (a gap).</summary>
    public sealed record QuarterPoint(
        string Quarter,
        DateOnly Start,
        DateOnly End,
        bool Current,
        DateOnly? AsOf,
        double? HealthScore,
        RiskTier? RiskTier,
        decimal? Clv,
        bool Backfilled = false);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(AppDbContext db)
        {
            RuleFor(q => q.AccountId).MustExistIn(db.Accounts, "Account");
            RuleFor(q => q.Quarters).InclusiveBetween(1, MaxQuarters);
        }
    }

    public sealed class Handler(AppDbContext db, FiscalCalendar calendar, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var quarters = new List<FiscalQuarter> { calendar.QuarterOf(today) };
            while (quarters.Count < query.Quarters)
            {
                quarters.Insert(0, quarters[0].Previous());
            }

            var from = calendar.Start(quarters[0]);
            var snapshots = await db.AccountScores.AsNoTracking()
                .Where(s => s.AccountId == query.AccountId && s.AsOf >= from && s.AsOf <= today)
                .Select(s => new { s.AsOf, s.HealthScore, s.RiskTier, s.Clv, s.Backfilled })
                .ToListAsync(cancellationToken);

            var points = quarters.Select(q =>
                {
                    var (start, end) = (calendar.Start(q), calendar.End(q));
                    var last = snapshots.Where(s => s.AsOf >= start && s.AsOf <= end).MaxBy(s => s.AsOf);
                    return last is null
                        ? new QuarterPoint(q.Label, start, end, end >= today, null, null, null, null)
                        : new QuarterPoint(q.Label, start, end, end >= today, last.AsOf, last.HealthScore, last.RiskTier, last.Clv, last.Backfilled);
                })
                .ToList();
            return new Result(query.AccountId, today, points);
        }
    }
}

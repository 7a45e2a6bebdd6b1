using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Behaviors;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions;

/// <summary>
/// The manager dashboard's team activity: interactions per rep per week (weeks start on Monday, UTC) over the last
/// <see cref="Query.Weeks"/> weeks, the current one included, on the filtered accounts. With a rep and a week it also
/// lists the accounts behind that number.
/// </summary>
public static class TeamActivity
{
    public const int DefaultWeeks = 12;

    public sealed record Query : IQuery<Result>, ICachedQuery
    {
        public DashboardFilter Filter { get; init; } = new();
        public int Weeks { get; init; } = DefaultWeeks;

        /// <summary>With <see cref="Week"/>: the drill-down to the accounts this rep touched that week.</summary>
        public Guid? InteractionRepId { get; init; }
        public DateOnly? Week { get; init; }
    }

    public sealed record Result(IReadOnlyList<DateOnly> Weeks, IReadOnlyList<RepRow> Reps, IReadOnlyList<AccountTouches> Accounts);

    /// <summary>One rep: interactions per week, aligned with <see cref="Result.Weeks"/>, and the total.</summary>
    public sealed record RepRow(Guid RepId, string RepName, IReadOnlyList<int> PerWeek, int Total);

    /// <summary>An account touched by the drilled-down rep in the drilled-down week, and how often.</summary>
    public sealed record AccountTouches(Guid AccountId, string AccountName, int Interactions);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Filter.Segment).IsInEnum();
            RuleFor(q => q.Weeks).InclusiveBetween(1, 52);
        }
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var weeks = WeeksEndingWith(today, query.Weeks);
            var accounts = db.Accounts.AsNoTracking().Matching(query.Filter).Select(a => a.Id);
            var touches = db.Interactions.AsNoTracking().Where(i => accounts.Contains(i.AccountId));

            // Counted in SQL, one grouped count per week: a region touches tens of thousands of times in 12 weeks.
            var counts = new Dictionary<Guid, int[]>();
            for (var w = 0; w < weeks.Count; w++)
            {
                var (start, end) = Bounds(weeks[w]);
                foreach (var c in await touches.Where(i => i.OccurredAt >= start && i.OccurredAt < end)
                             .GroupBy(i => i.RepId).Select(g => new { RepId = g.Key, Count = g.Count() }).ToListAsync(ct))
                {
                    (counts.TryGetValue(c.RepId, out var perWeek) ? perWeek : counts[c.RepId] = new int[weeks.Count])[w] = c.Count;
                }
            }

            var repIds = counts.Keys.ToList();
            var names = await db.Users.AsNoTracking().Where(u => repIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            var reps = counts
                .Select(c => new RepRow(c.Key, names.GetValueOrDefault(c.Key, ""), c.Value, c.Value.Sum()))
                .OrderByDescending(r => r.Total).ThenBy(r => r.RepName, StringComparer.Ordinal).ThenBy(r => r.RepId)
                .ToList();

            IReadOnlyList<AccountTouches> drilled = [];
            if (query.InteractionRepId is { } rep && query.Week is { } week)
            {
                var (start, end) = Bounds(WeekOf(week));
                drilled = (await touches.Where(i => i.RepId == rep && i.OccurredAt >= start && i.OccurredAt < end)
                        .GroupBy(i => new { i.AccountId, i.Account!.Name })
                        .Select(g => new { g.Key.AccountId, g.Key.Name, Count = g.Count() })
                        .ToListAsync(ct))
                    .Select(a => new AccountTouches(a.AccountId, a.Name, a.Count))
                    .OrderByDescending(a => a.Interactions).ThenBy(a => a.AccountName, StringComparer.Ordinal)
                    .ToList();
            }

            return new Result(weeks, reps, drilled);
        }
    }

    private static (DateTime Start, DateTime End) Bounds(DateOnly monday) =>
        (monday.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), monday.AddDays(7).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    /// <summary>The Monday that starts the week of <paramref name="day"/>.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The first days of <paramref name="count"/> consecutive weeks, oldest first, the last being the week of <paramref name="today"/>.</summary>
    public static IReadOnlyList<DateOnly> WeeksEndingWith(DateOnly today, int count)
    {
        var last = WeekOf(today);
        return [.. Enumerable.Range(0, count).Select(i => last.AddDays(-7 * (count - 1 - i)))];
    }
}

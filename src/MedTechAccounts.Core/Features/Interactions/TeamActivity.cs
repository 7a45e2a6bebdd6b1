using FluentValidation;
using Mediator;
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

    public sealed record Query : IQuery<Result>
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
            var from = weeks[0].ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var accounts = db.Accounts.AsNoTracking().Matching(query.Filter).Select(a => a.Id);
            var touches = await db.Interactions.AsNoTracking()
                .Where(i => i.OccurredAt >= from && accounts.Contains(i.AccountId))
                .Select(i => new { i.RepId, RepName = i.Rep!.DisplayName, i.AccountId, AccountName = i.Account!.Name, i.OccurredAt })
                .ToListAsync(ct);

            var reps = touches.GroupBy(t => (t.RepId, t.RepName))
                .Select(g =>
                {
                    var perWeek = weeks.Select(w => g.Count(t => WeekOf(DateOnly.FromDateTime(t.OccurredAt)) == w)).ToList();
                    return new RepRow(g.Key.RepId, g.Key.RepName, perWeek, perWeek.Sum());
                })
                .OrderByDescending(r => r.Total).ThenBy(r => r.RepName, StringComparer.Ordinal).ThenBy(r => r.RepId)
                .ToList();

            var drilled = query.InteractionRepId is { } rep && query.Week is { } week
                ? touches.Where(t => t.RepId == rep && WeekOf(DateOnly.FromDateTime(t.OccurredAt)) == WeekOf(week))
                    .GroupBy(t => (t.AccountId, t.AccountName))
                    .Select(g => new AccountTouches(g.Key.AccountId, g.Key.AccountName, g.Count()))
                    .OrderByDescending(a => a.Interactions).ThenBy(a => a.AccountName, StringComparer.Ordinal)
                    .ToList()
                : [];
            return new Result(weeks, reps, drilled);
        }
    }

    /// <summary>The Monday that starts the week of <paramref name="day"/>.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The first days of <paramref name="count"/> consecutive weeks, oldest first, the last being the week of <paramref name="today"/>.</summary>
    public static IReadOnlyList<DateOnly> WeeksEndingWith(DateOnly today, int count)
    {
        var last = WeekOf(today);
        return [.. Enumerable.Range(0, count).Select(i => last.AddDays(-7 * (count - 1 - i)))];
    }
}

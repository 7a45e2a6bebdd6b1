using FluentValidation;
using Mediator;
using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.People;

/// <summary>
/// A person's handover plan and how far it got: per account, who took it over and their task, the contacts only the
/// person had met when the plan was made and how many of them have now been met by a second person, and the
/// dependency before and now (the person's share of the interactions, the rep-dependency sub-score).
/// </summary>
public static class HandoverPlan
{
    public sealed record Query(Guid PersonId) : IQuery<Result>;

    public sealed record Result(Guid PersonId, IReadOnlyList<Item> Items);

    public sealed record Item
    {
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public Guid AssigneeId { get; init; }
        public string AssigneeName { get; init; } = "";
        public HandoverRule Rule { get; init; }
        public Guid? TaskId { get; init; }
        public EngagementTaskStatus? TaskStatus { get; init; }
        public DateOnly? Due { get; init; }
        public DateTime PlannedAt { get; init; }

        /// <summary>Contacts only the person had met when the plan was made.</summary>
        public int SoleContactsAtPlan { get; init; }

        /// <summary>Of those, the contacts met by at least two people in the last year now.</summary>
        public int NowMetByTwo { get; init; }
        public double ShareBefore { get; init; }
        public double ShareNow { get; init; }
        public double? DependencyScoreBefore { get; init; }
        public double? DependencyScoreNow { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(AppDbContext db) => RuleFor(q => q.PersonId).MustBeVisiblePerson(db);
    }

    internal sealed class Handler(Reader reader) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken) =>
            new(query.PersonId, await reader.ReadAsync(query.PersonId, cancellationToken));
    }

    /// <summary>Reads the plan's items in scope and measures them now, with a grouped query per measure.</summary>
    internal sealed class Reader(AppDbContext db, TimeProvider clock, SignalSettings settings)
    {
        public async Task<IReadOnlyList<Item>> ReadAsync(Guid personId, CancellationToken ct)
        {
            var items = await db.HandoverItems.AsNoTracking().Where(h => h.PersonId == personId)
                .Select(h => new
                {
                    h.AccountId, AccountName = h.Account!.Name, h.AssigneeId, AssigneeName = h.Assignee!.DisplayName, h.Rule, h.TaskId,
                    TaskStatus = h.Task == null ? (EngagementTaskStatus?)null : h.Task.Status, Due = h.Task == null ? null : h.Task.Due,
                    h.CreatedAt, h.ShareBefore, h.DependencyScoreBefore, h.SoleContactIds,
                })
                .ToListAsync(ct);
            if (items.Count == 0)
            {
                return [];
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var since = now.AddDays(-settings.RepDependencyWindowDays);
            var contactsSince = now.AddDays(-RelationshipRules.MetWindowDays);
            var planned = db.HandoverItems.AsNoTracking().Where(h => h.PersonId == personId).Select(h => h.AccountId);

            var touches = await db.Interactions.AsNoTracking()
                .Where(i => planned.Contains(i.AccountId) && i.OccurredAt > since && i.OccurredAt <= now)
                .GroupBy(i => new { i.AccountId, i.RepId })
                .Select(g => new { g.Key.AccountId, g.Key.RepId, Count = g.Count() })
                .ToListAsync(ct);
            var metBy = (await (
                        from present in db.InteractionContacts.AsNoTracking()
                        join i in db.Interactions.AsNoTracking() on present.InteractionId equals i.Id
                        where planned.Contains(i.AccountId) && i.OccurredAt >= contactsSince && i.OccurredAt <= now
                        group i by new { present.ContactId, i.RepId } into g
                        select g.Key)
                    .ToListAsync(ct))
                .GroupBy(k => k.ContactId)
                .ToDictionary(g => g.Key, g => g.Count());
            var scores = await db.AccountScores.AsNoTracking()
                .Where(s => planned.Contains(s.AccountId) && s.AsOf == db.AccountScores.Where(t => t.AccountId == s.AccountId).Max(t => t.AsOf))
                .Select(s => new { s.AccountId, s.RepDependency })
                .ToDictionaryAsync(s => s.AccountId, s => s.RepDependency, ct);

            return items.Select(h =>
                {
                    var contacts = ContactIds.Parse(h.SoleContactIds);
                    var total = touches.Where(t => t.AccountId == h.AccountId).Sum(t => t.Count);
                    var mine = touches.Where(t => t.AccountId == h.AccountId && t.RepId == personId).Sum(t => t.Count);
                    return new Item
                    {
                        AccountId = h.AccountId, AccountName = h.AccountName, AssigneeId = h.AssigneeId, AssigneeName = h.AssigneeName, Rule = h.Rule,
                        TaskId = h.TaskId, TaskStatus = h.TaskStatus, Due = h.Due, PlannedAt = h.CreatedAt,
                        SoleContactsAtPlan = contacts.Count,
                        NowMetByTwo = contacts.Count(c => metBy.GetValueOrDefault(c) >= 2),
                        ShareBefore = h.ShareBefore,
                        ShareNow = total == 0 ? 0 : Math.Round((double)mine / total, 4),
                        DependencyScoreBefore = h.DependencyScoreBefore,
                        DependencyScoreNow = scores.TryGetValue(h.AccountId, out var score) ? score : null,
                    };
                })
                .OrderBy(i => i.AccountName, StringComparer.Ordinal).ThenBy(i => i.AccountId)
                .ToList();
        }
    }
}

/// <summary>The contact ids a handover item keeps, separated by ';'.</summary>
internal static class ContactIds
{
    public const int MaxLength = 4000;

    public static IReadOnlyList<Guid> Parse(string text) =>
        [.. text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)];

    /// <summary>As many ids as fit the column (about a hundred), in the given order.</summary>
    public static string Format(IEnumerable<Guid> ids)
    {
        var text = "";
        foreach (var id in ids)
        {
            var next = text.Length == 0 ? id.ToString() : $"{text};{id}";
            if (next.Length > MaxLength)
            {
                break;
            }

            text = next;
        }

        return text;
    }
}

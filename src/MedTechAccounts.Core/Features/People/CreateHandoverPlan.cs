using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.People;

/// <summary>
/// The handover plan for a person's exposed accounts, in one action: per account a multi-threading engagement task for
/// a colleague to meet the contacts only the person met, assigned by the rule of docs/scoring.md — the account's most
/// frequent visitor after the person, else the region's manager, else the rep of the region with the fewest open
/// tasks. An account that already has an open multi-threading task gets no second one (a task of the person's is
/// handed to the colleague instead), and running the plan again creates nothing new while its tasks are open.
/// </summary>
public static class CreateHandoverPlan
{
    /// <summary>Days from the plan to the tasks' due date.</summary>
    public const int DueInDays = 14;

    public sealed record Command(Guid PersonId) : ICommand<Result>;

    /// <summary>Tasks created, open tasks handed over from the person, accounts already planned, and accounts no colleague could take.</summary>
    public sealed record Result(Guid PersonId, int Created, int HandedOver, int AlreadyPlanned, int NoColleague);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db) => RuleFor(c => c.PersonId).MustBeVisiblePerson(db);
    }

    internal sealed class Handler(AppDbContext db, ExposureReader reader, ICurrentUser currentUser) : ICommandHandler<Command, Result>
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!currentUser.IsInRole(Roles.Manager) && !currentUser.IsInRole(Roles.Admin))
            {
                throw new ForbiddenException("Only a manager or an administrator may create a handover plan.");
            }

            var person = await db.Users.AsNoTracking().Where(u => u.Id == command.PersonId).Select(u => new { u.Id, u.DisplayName }).SingleAsync(cancellationToken);
            var snapshot = await reader.ReadAsync(person.Id, cancellationToken);
            var exposure = snapshot.Exposure;
            var exposed = exposure.Rows.Where(r => r.PersonId == person.Id && r.Exposed)
                .OrderByDescending(r => r.ClvAtStake).ThenBy(r => r.AccountId).ToList();
            var accountIds = exposed.Select(r => r.AccountId).ToList();
            var items = await db.HandoverItems.Include(h => h.Task).Where(h => h.PersonId == person.Id && accountIds.Contains(h.AccountId))
                .ToDictionaryAsync(h => h.AccountId, cancellationToken);
            var openTasks = await db.EngagementTasks
                .Where(t => accountIds.Contains(t.AccountId) && t.Playbook == Playbook.MultiThreadRelationship && t.Status == EngagementTaskStatus.Open)
                .ToListAsync(cancellationToken);
            var sole = exposure.SoleContactsOf(person.Id).ToLookup(m => m.AccountId);
            var soleIds = sole.SelectMany(g => g).Select(m => m.ContactId).ToList();
            var contactNames = await db.Contacts.AsNoTracking().Where(c => soleIds.Contains(c.Id))
                .Select(c => new { c.Id, c.Name, c.Influence }).ToDictionaryAsync(c => c.Id, cancellationToken);
            var assignees = new Assignees(db, person.Id, currentUser.UserId);
            var today = DateOnly.FromDateTime(snapshot.Now);

            int created = 0, handedOver = 0, alreadyPlanned = 0, noColleague = 0;
            foreach (var hold in exposed)
            {
                if (items.TryGetValue(hold.AccountId, out var existing) && existing.Task is { Status: EngagementTaskStatus.Open })
                {
                    alreadyPlanned++;
                    continue;
                }

                var account = snapshot.Accounts[hold.AccountId];
                var open = openTasks.FirstOrDefault(t => t.AccountId == hold.AccountId);
                if (open is not null && open.AssigneeId is { } other && other != person.Id)
                {
                    // Someone else already multi-threads this account: the plan records that task, it does not add one.
                    Record(existing, hold, account, open, other, HandoverRule.ExistingTask, sole[hold.AccountId].Select(m => m.ContactId));
                    alreadyPlanned++;
                    continue;
                }

                var choice = await assignees.ChooseAsync(account, exposure.OthersAt(hold.AccountId, person.Id).Select(t => t.PersonId), cancellationToken);
                if (choice is not { } chosen)
                {
                    noColleague++;
                    continue;
                }

                var contacts = sole[hold.AccountId].OrderBy(m => contactNames.TryGetValue(m.ContactId, out var c) ? c.Influence : ContactInfluence.User)
                    .ThenByDescending(m => m.Count).Select(m => m.ContactId).ToList();
                var reason = Reason(person.DisplayName, hold, contacts.Select(id => contactNames.TryGetValue(id, out var c) ? c.Name : null).OfType<string>().ToList());
                var task = open ?? new EngagementTask
                {
                    AccountId = hold.AccountId,
                    Playbook = Playbook.MultiThreadRelationship,
                    Status = EngagementTaskStatus.Open,
                    SignalsAtRaise = account.DependencyScore is { } score
                        ? JsonSerializer.Serialize(new Dictionary<string, int> { ["RepDependency"] = (int)Math.Round(score) }, Json)
                        : "{}",
                };
                task.AssigneeId = chosen.Id;
                task.Reason = reason;
                task.ValueAtStake = hold.ClvAtStake;
                task.Priority = 1;
                task.Due = today.AddDays(DueInDays);
                if (open is null)
                {
                    db.EngagementTasks.Add(task);
                    created++;
                }
                else
                {
                    handedOver++;
                }

                assignees.Took(chosen.Id);
                Record(existing, hold, account, task, chosen.Id, chosen.Rule, contacts);
            }

            return new Result(person.Id, created, handedOver, alreadyPlanned, noColleague);

            void Record(HandoverItem? item, Exposure.Hold hold, ExposureReader.AccountInfo account, EngagementTask task, Guid assignee, HandoverRule rule, IEnumerable<Guid> contacts)
            {
                if (item is null)
                {
                    item = new HandoverItem
                    {
                        PersonId = person.Id, AccountId = hold.AccountId, ShareBefore = hold.Share, DependencyScoreBefore = account.DependencyScore,
                        SoleContactIds = ContactIds.Format(contacts), PlannedById = currentUser.UserId,
                    };
                    db.HandoverItems.Add(item);
                }

                item.TaskId = task.Id;
                item.AssigneeId = assignee;
                item.Rule = rule;
            }
        }

        private static string Reason(string person, Exposure.Hold hold, IReadOnlyList<string> contacts)
        {
            var share = hold.Share.ToString("P0", CultureInfo.InvariantCulture);
            var meet = contacts.Count switch
            {
                0 => "meet the account's contacts alongside them",
                <= 3 => $"meet {string.Join(", ", contacts)}, whom only {person} met in the last year",
                _ => $"meet {string.Join(", ", contacts.Take(3))} and {contacts.Count - 3} more, whom only {person} met in the last year",
            };
            var text = $"Handover from {person}, who holds {share} of the account's interactions: {meet}.";
            return text.Length <= 1000 ? text : text[..999] + "…";
        }
    }

    /// <summary>
    /// The documented assignment rule, step by step. Every candidate is active, is not the person, and reaches the
    /// account's territory by the scoping rule (so the task shows up on their home page).
    /// </summary>
    private sealed class Assignees(AppDbContext db, Guid person, Guid? caller)
    {
        private readonly Dictionary<Guid, int> _openTasks = [];

        public sealed record Choice(Guid Id, HandoverRule Rule);

        public async Task<Choice?> ChooseAsync(ExposureReader.AccountInfo account, IEnumerable<Guid> visitorsByFrequency, CancellationToken ct)
        {
            foreach (var visitor in visitorsByFrequency)
            {
                if (await db.UserReachesTerritoryAsync(visitor, account.TerritoryId, ct))
                {
                    return new(visitor, HandoverRule.SecondVisitor);
                }
            }

            var managers = await InRole(Roles.Manager).Where(u => u.Region == account.Region).Select(u => u.Id).ToListAsync(ct);
            if (caller is { } me && managers.Contains(me))
            {
                return new(me, HandoverRule.Manager);
            }

            if (await FewestOpenTasksAsync(managers, ct) is { } manager)
            {
                return new(manager, HandoverRule.Manager);
            }

            var region = account.Region;
            var reps = await InRole(Roles.Rep)
                .Where(u => db.UserTerritories.Any(ut => ut.UserId == u.Id && db.Territories.Any(t => t.Id == ut.TerritoryId && t.Region == region)))
                .Select(u => u.Id).ToListAsync(ct);
            return await FewestOpenTasksAsync(reps, ct) is { } rep ? new(rep, HandoverRule.ColleagueWithCapacity) : null;
        }

        /// <summary>Counts a task the plan just gave, so the next account's "fewest open tasks" sees it.</summary>
        public void Took(Guid assignee)
        {
            if (_openTasks.TryGetValue(assignee, out var count))
            {
                _openTasks[assignee] = count + 1;
            }
        }

        private IQueryable<ApplicationUser> InRole(string role) =>
            db.Users.AsNoTracking().Where(u => u.IsActive && u.Id != person
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));

        /// <summary>The candidate with the fewest open tasks (all accounts, not only the caller's), then the lowest id for a stable answer.</summary>
        private async Task<Guid?> FewestOpenTasksAsync(List<Guid> candidates, CancellationToken ct)
        {
            var unknown = candidates.Where(c => !_openTasks.ContainsKey(c)).ToList();
            if (unknown.Count > 0)
            {
                var counts = await db.EngagementTasks.IgnoreQueryFilters().AsNoTracking()
                    .Where(t => t.AssigneeId != null && unknown.Contains(t.AssigneeId.Value) && t.Status == EngagementTaskStatus.Open)
                    .GroupBy(t => t.AssigneeId!.Value)
                    .Select(g => new { g.Key, Count = g.Count() })
                    .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
                foreach (var c in unknown)
                {
                    _openTasks[c] = counts.GetValueOrDefault(c);
                }
            }

            return candidates.Count == 0 ? null : candidates.OrderBy(c => _openTasks[c]).ThenBy(c => c).First();
        }
    }
}

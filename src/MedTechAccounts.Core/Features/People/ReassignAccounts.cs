using FluentValidation;
using FluentValidation.Results;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.People;

/// <summary>
/// Hands a departing person's accounts to others in one save: each chosen account gets its new owner (someone active
/// who covers the account's territory) and the person's open tasks on it go with it. Each account carries the version
/// the manager saw, so an account edited meanwhile is refused (409) and nothing is saved. Within the caller's scope.
/// </summary>
public static class ReassignAccounts
{
    public const int MaxItems = 500;

    /// <summary>Loads the form: the accounts the person owns in the caller's scope, each with its version and no new owner yet.</summary>
    public sealed record Query(Guid PersonId) : IQuery<Command>;

    public sealed record Command : ICommand<Result>
    {
        public Guid PersonId { get; init; }
        public List<Item> Items { get; init; } = [];
    }

    /// <summary>One account: the version the manager saw and its new owner (none: the account stays).</summary>
    public sealed record Item
    {
        public Guid AccountId { get; init; }
        public Guid Version { get; init; }
        public Guid? NewOwnerId { get; init; }
    }

    public sealed record Result(Guid PersonId, int Accounts, int Tasks);

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator(AppDbContext db) => RuleFor(q => q.PersonId).MustBeVisiblePerson(db);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db)
        {
            RuleFor(c => c.PersonId).MustBeVisiblePerson(db);
            RuleFor(c => c.Items).NotEmpty().WithMessage("Choose at least one account to reassign.")
                .Must(items => items.Count <= MaxItems).WithMessage($"At most {MaxItems} accounts at a time.")
                .Must(items => items.Any(i => i.NewOwnerId is not null)).WithMessage("Choose a new owner for at least one account.")
                .Must(items => items.Select(i => i.AccountId).Distinct().Count() == items.Count).WithMessage("Each account may appear once.");
            RuleForEach(c => c.Items).ChildRules(item =>
            {
                item.RuleFor(i => i.Version).NotEmpty();
            });
            RuleFor(c => c).CustomAsync(async (command, context, ct) =>
            {
                for (var i = 0; i < command.Items.Count && i < MaxItems; i++)
                {
                    var item = command.Items[i];
                    var account = await db.Accounts.AsNoTracking().Where(a => a.Id == item.AccountId).Select(a => new { a.OwnerRepId, a.TerritoryId }).SingleOrDefaultAsync(ct);
                    if (account is null || account.OwnerRepId != command.PersonId)
                    {
                        context.AddFailure(new ValidationFailure($"Items[{i}].{nameof(Item.AccountId)}", "Account must be one the person owns, in your territories."));
                    }
                    else if (item.NewOwnerId is { } owner && owner == command.PersonId)
                    {
                        context.AddFailure(new ValidationFailure($"Items[{i}].{nameof(Item.NewOwnerId)}", "New owner must be someone other than the person leaving the account."));
                    }
                    else if (item.NewOwnerId is { } other && !await db.UserReachesTerritoryAsync(other, account.TerritoryId, ct))
                    {
                        context.AddFailure(new ValidationFailure($"Items[{i}].{nameof(Item.NewOwnerId)}", "New owner must be an active user who covers the account's territory."));
                    }
                }
            });
        }
    }

    internal sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) => new()
        {
            PersonId = query.PersonId,
            Items = await db.Accounts.AsNoTracking().Where(a => a.OwnerRepId == query.PersonId)
                .OrderBy(a => a.Name).ThenBy(a => a.Id)
                .Select(a => new Item { AccountId = a.Id, Version = a.Version })
                .Take(MaxItems)
                .ToListAsync(cancellationToken),
        };
    }

    internal sealed class Handler(AppDbContext db) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var chosen = command.Items.Where(i => i.NewOwnerId is not null).ToDictionary(i => i.AccountId);
            var ids = chosen.Keys.ToList();
            var accounts = await db.Accounts.Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken);
            var tasks = await db.EngagementTasks
                .Where(t => ids.Contains(t.AccountId) && t.AssigneeId == command.PersonId && t.Status == EngagementTaskStatus.Open)
                .ToListAsync(cancellationToken);
            foreach (var account in accounts)
            {
                var item = chosen[account.Id];
                db.Entry(account).Property(a => a.Version).OriginalValue = item.Version;
                account.OwnerRepId = item.NewOwnerId;
            }

            foreach (var task in tasks)
            {
                task.AssigneeId = chosen[task.AccountId].NewOwnerId;
            }

            return new Result(command.PersonId, accounts.Count, tasks.Count);
        }
    }
}

/// <summary>The reassignment form's lookups: the person, their accounts' names and territories, and who may own each.</summary>
public static class ReassignChoices
{
    public sealed record Query(Guid PersonId) : IQuery<Result>;

    public sealed record Result(Guid PersonId, string PersonName, IReadOnlyDictionary<Guid, AccountChoice> Accounts);

    public sealed record AccountChoice(Guid AccountId, string Name, string Territory, IReadOnlyList<Candidate> Candidates);

    public sealed record Candidate(Guid Id, string Name);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(AppDbContext db) => RuleFor(q => q.PersonId).MustBeVisiblePerson(db);
    }

    internal sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var name = await db.Users.AsNoTracking().Where(u => u.Id == query.PersonId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
            var accounts = await db.Accounts.AsNoTracking().Where(a => a.OwnerRepId == query.PersonId)
                .Select(a => new { a.Id, a.Name, a.TerritoryId, Territory = a.Territory!.Name, a.Territory.Region })
                .ToListAsync(cancellationToken);
            var territoryIds = accounts.Select(a => a.TerritoryId).Distinct().ToList();
            var regions = accounts.Select(a => a.Region).Distinct().ToList();
            // Who covers each territory by the scoping rule: its reps and the region's managers (executives and admins do not own accounts).
            var reps = await db.UserTerritories.AsNoTracking()
                .Where(ut => territoryIds.Contains(ut.TerritoryId) && ut.User!.IsActive && ut.UserId != query.PersonId)
                .Select(ut => new { ut.TerritoryId, ut.UserId, ut.User!.DisplayName })
                .ToListAsync(cancellationToken);
            var managerRole = await db.Roles.AsNoTracking().Where(r => r.Name == Roles.Manager).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken);
            var managers = await db.Users.AsNoTracking()
                .Where(u => u.IsActive && u.Id != query.PersonId && u.Region != null && regions.Contains(u.Region)
                    && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == managerRole))
                .Select(u => new { u.Id, u.DisplayName, Region = u.Region! })
                .ToListAsync(cancellationToken);
            var choices = accounts.ToDictionary(a => a.Id, a => new AccountChoice(a.Id, a.Name, a.Territory,
                reps.Where(r => r.TerritoryId == a.TerritoryId).Select(r => new Candidate(r.UserId, r.DisplayName))
                    .Concat(managers.Where(m => m.Region == a.Region).Select(m => new Candidate(m.Id, m.DisplayName + " (manager)")))
                    .DistinctBy(c => c.Id)
                    .OrderBy(c => c.Name, StringComparer.Ordinal).ToList()));
            return new Result(query.PersonId, name, choices);
        }
    }
}

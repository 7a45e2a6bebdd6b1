using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Users;

/// <summary>
/// An administrator changes a user's name, role, territories, region or active flag. Deactivating
/// renews the security stamp and revokes the user's tokens, which ends their sessions everywhere.
/// </summary>
public static class EditUser
{
    /// <summary>Loads the edit form: the current values and the concurrency stamp the editor starts from.</summary>
    public sealed record Query(Guid Id) : IQuery<Command>;

    public sealed record Command : ICommand<Guid>, IUserFields
    {
        public Guid Id { get; init; }

        /// <summary>The user's concurrency stamp as the editor read it; a save against a newer one is refused (409).</summary>
        public string ConcurrencyStamp { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Role { get; init; } = "";
        // A mutable list, not []: form binding adds the posted values into the existing collection, and an empty array is read-only.
        public IReadOnlyList<Guid> TerritoryIds { get; init; } = new List<Guid>();
        public string? Region { get; init; }
        public bool IsActive { get; init; } = true;
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<ApplicationUser, Command>()
            .ForMember(c => c.Role, o => o.Ignore())
            .ForMember(c => c.TerritoryIds, o => o.Ignore());
    }

    public sealed class QueryHandler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            var command = await db.Users.AsNoTracking().Where(u => u.Id == query.Id).ProjectTo<Command>(mapping).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("User", query.Id);
            var roles = await UserIdentity.RolesOfAsync(db, [query.Id], cancellationToken);
            var territories = await db.UserTerritories.AsNoTracking().Where(ut => ut.UserId == query.Id)
                .Select(ut => ut.TerritoryId).ToListAsync(cancellationToken);
            return command with { Role = roles.GetValueOrDefault(query.Id, ""), TerritoryIds = territories };
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, ICurrentUser currentUser)
        {
            // An unknown user is "not found" (404) before any field is validated, as for scoped records.
            RuleFor(c => c.Id).MustAsync(async (id, ct) => await db.Users.AnyAsync(u => u.Id == id, ct) ? true : throw new NotFoundException("User", id));
            Include(new UserFieldsValidator<Command>(db));
            RuleFor(c => c.ConcurrencyStamp).NotEmpty();
            RuleFor(c => c.IsActive)
                .Must((command, active) => active || command.Id != currentUser.UserId)
                .WithMessage("You cannot deactivate your own account; ask another administrator.");
            RuleFor(c => c.Role)
                .Must((command, role) => role == Roles.Admin || command.Id != currentUser.UserId)
                .WithMessage("You cannot remove your own administrator role; ask another administrator.");
        }
    }

    public sealed class Handler(AppDbContext db, UserManager<ApplicationUser> users, UserSessions sessions) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await db.Users.Include(u => u.Territories).SingleOrDefaultAsync(u => u.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("User", command.Id);
            if (!string.Equals(user.ConcurrencyStamp, command.ConcurrencyStamp, StringComparison.Ordinal))
            {
                throw new ConflictException(UserIdentity.ConflictMessage);
            }

            // The stamp the editor saw is what the UPDATE compares against, so a change made between the
            // check above and the save is refused as well.
            db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = command.ConcurrencyStamp;
            var deactivated = user.IsActive && !command.IsActive;
            command.ApplyTo(user);
            user.IsActive = command.IsActive;
            SyncTerritories(user, command.TerritoryIds);

            // UserManager saves by itself (its store calls SaveChanges on this same scoped AppDbContext).
            // That is fine here: the TransactionBehavior opened the transaction on this context first, so
            // every save below commits together with the behavior's final one, or none does.
            // UpdateAsync comes first: it renews the concurrency stamp and is the save the check applies to.
            UserIdentity.ThrowIfFailed(await users.UpdateAsync(user));

            var current = await users.GetRolesAsync(user);
            if (current.Count != 1 || current[0] != command.Role)
            {
                UserIdentity.ThrowIfFailed(await users.RemoveFromRolesAsync(user, current), nameof(Command.Role));
                UserIdentity.ThrowIfFailed(await users.AddToRoleAsync(user, command.Role), nameof(Command.Role));
            }

            if (deactivated)
            {
                // Every cookie carries the old stamp and is refused at its next request, and every token is
                // revoked (checked on each bearer request): signed out everywhere, at once.
                await sessions.EndAllAsync(user, cancellationToken);
            }

            return user.Id;
        }

        private void SyncTerritories(ApplicationUser user, IReadOnlyList<Guid> territoryIds)
        {
            var wanted = territoryIds.ToHashSet();
            foreach (var assignment in user.Territories.Where(t => !wanted.Contains(t.TerritoryId)).ToList())
            {
                db.UserTerritories.Remove(assignment);
            }

            foreach (var territoryId in wanted.Except(user.Territories.Select(t => t.TerritoryId)))
            {
                db.UserTerritories.Add(new UserTerritory { UserId = user.Id, TerritoryId = territoryId });
            }
        }
    }
}

using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace MedTechAccounts.Core.Features.Users;

/// <summary>Lifts a lockout after repeated failed sign-ins and clears the failure count.</summary>
public static class UnlockUser
{
    public sealed record Command(Guid Id) : ICommand<Guid>;

    public sealed class Handler(UserManager<ApplicationUser> users) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(command.Id.ToString()) ?? throw new NotFoundException("User", command.Id);

            // UserManager saves through the same scoped AppDbContext, inside the TransactionBehavior's transaction.
            UserIdentity.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null));
            UserIdentity.ThrowIfFailed(await users.ResetAccessFailedCountAsync(user));
            return user.Id;
        }
    }
}

using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace MedTechAccounts.Core.Features.Users;

/// <summary>
/// For a lost or replaced phone: turns two-factor sign-in off and replaces the authenticator key,
/// so the old app's codes stop working and the user enrols again (administrators and executives
/// are sent to enrolment at their next sign-in). Both steps renew the security stamp, and the user's
/// tokens are revoked, which signs the user out everywhere.
/// </summary>
public static class ResetTwoFactor
{
    public sealed record Command(Guid Id) : ICommand<Guid>;

    public sealed class Handler(UserManager<ApplicationUser> users, UserSessions sessions) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(command.Id.ToString()) ?? throw new NotFoundException("User", command.Id);

            // UserManager saves through the same scoped AppDbContext, inside the TransactionBehavior's transaction.
            UserIdentity.ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, false));
            UserIdentity.ThrowIfFailed(await users.ResetAuthenticatorKeyAsync(user));
            // Tokens minted with the old factor go too; they would otherwise outlive the reset.
            await sessions.RevokeTokensAsync(user, cancellationToken);
            return user.Id;
        }
    }
}

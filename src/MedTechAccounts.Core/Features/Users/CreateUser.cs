using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Users;

/// <summary>An administrator creates a user with a role, territories or region, and an initial password.</summary>
public static class CreateUser
{
    public sealed record Command : ICommand<Guid>, IUserFields
    {
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Role { get; init; } = Roles.Rep;
        // A mutable list, not []: form binding adds the posted values into the existing collection, and an empty array is read-only.
        public IReadOnlyList<Guid> TerritoryIds { get; init; } = new List<Guid>();
        public string? Region { get; init; }

        /// <summary>The initial password the administrator types and hands over; held to Identity's password rules.</summary>
        public string Password { get; init; } = "";

        /// <summary>Never echo the password (logs of failed messages print the command).</summary>
        public override string ToString() =>
            $"CreateUser.Command {{ Email = {Email}, DisplayName = {DisplayName}, Role = {Role}, Region = {Region}, Territories = {TerritoryIds?.Count} }}";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, UserManager<ApplicationUser> users)
        {
            Include(new UserFieldsValidator<Command>(db));
            RuleFor(c => c.Email)
                .Cascade(CascadeMode.Stop)
                .NotEmpty()
                .MaximumLength(256)
                .EmailAddress()
                .MustAsync(async (email, ct) =>
                {
                    var key = UserFieldsExtensions.EmailKey(email);
                    return !await db.Users.AnyAsync(u => u.NormalizedEmail == key || u.NormalizedUserName == key, ct);
                })
                .WithMessage("E-mail is already used by another user.");
            RuleFor(c => c.Password)
                .Cascade(CascadeMode.Stop)
                .NotEmpty()
                .CustomAsync(async (password, context, ct) =>
                {
                    // Identity's own validators (length, the common-password list, ...), so the rules live in one place.
                    var email = context.InstanceToValidate.Email?.Trim();
                    var candidate = new ApplicationUser { UserName = email, Email = email };
                    foreach (var validator in users.PasswordValidators)
                    {
                        var result = await validator.ValidateAsync(users, candidate, password);
                        foreach (var error in result.Errors)
                        {
                            context.AddFailure(error.Description);
                        }
                    }
                });
        }
    }

    public sealed class Handler(AppDbContext db, UserManager<ApplicationUser> users) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var email = command.Email.Trim();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, IsActive = true };
            command.ApplyTo(user);

            // UserManager saves by itself (its store calls SaveChanges on this same scoped AppDbContext).
            // That is fine here: the TransactionBehavior opened the transaction on this context first,
            // so those saves and its final one commit together, or not at all.
            UserIdentity.ThrowIfFailed(await users.CreateAsync(user, command.Password), defaultField: nameof(Command.Password));
            UserIdentity.ThrowIfFailed(await users.AddToRoleAsync(user, command.Role), defaultField: nameof(Command.Role));
            foreach (var territoryId in command.TerritoryIds.Distinct())
            {
                db.UserTerritories.Add(new UserTerritory { UserId = user.Id, TerritoryId = territoryId });
            }

            return user.Id;
        }
    }
}

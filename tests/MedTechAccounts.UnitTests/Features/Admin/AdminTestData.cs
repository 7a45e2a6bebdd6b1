using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.UnitTests.Infrastructure;
using MedTechAccounts.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedTechAccounts.UnitTests.Features.Admin;

/// <summary>Users and a user manager over the in-memory database, for the user validators.</summary>
public static class AdminTestData
{
    public static async Task<ApplicationUser> AddUserAsync(this InMemoryDatabase database, string email)
    {
        var user = new ApplicationUser
        {
            UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
            DisplayName = email, SecurityStamp = Guid.NewGuid().ToString(),
        };
        database.Db.Users.Add(user);
        await database.Db.SaveChangesAsync();
        return user;
    }

    /// <summary>A user manager over the database with the app's password rules: the shared policy and the common-password list.</summary>
    public static UserManager<ApplicationUser> Users(this InMemoryDatabase database)
    {
        var options = new IdentityOptions();
        IdentityPolicy.Apply(options);
        return new UserManager<ApplicationUser>(
            new UserStore<ApplicationUser, ApplicationRole, AppDbContext, Guid>(database.Db),
            Options.Create(options),
            new PasswordHasher<ApplicationUser>(),
            [],
            [new PasswordValidator<ApplicationUser>(), new CommonPasswordValidator()],
            new UpperInvariantLookupNormalizer(),
            new IdentityErrorDescriber(),
            null!,
            NullLogger<UserManager<ApplicationUser>>.Instance);
    }
}

/// <summary>The acting user for validators that compare against "me".</summary>
public sealed record FakeCurrentUser(Guid Id, params string[] Roles) : ICurrentUser
{
    Guid? ICurrentUser.UserId => Id;
    public string Name => "admin@test.medtech";
    public bool IsInRole(string role) => Roles.Contains(role);
    public bool IsSystem => false;
}

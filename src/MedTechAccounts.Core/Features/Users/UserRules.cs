using FluentValidation;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Users;

/// <summary>The fields of a user that an administrator sets, shared by <see cref="CreateUser"/> and <see cref="EditUser"/>.</summary>
public interface IUserFields
{
    string DisplayName { get; }

    /// <summary>One of <see cref="Roles.All"/>.</summary>
    string Role { get; }

    /// <summary>Territories covered by a rep (or, besides the region, by a manager).</summary>
    IReadOnlyList<Guid> TerritoryIds { get; }

    /// <summary>The region a manager is responsible for.</summary>
    string? Region { get; }
}

/// <summary>Validation of the role-dependent fields: reps get territories, managers a region, nobody else either.</summary>
public sealed class UserFieldsValidator<T> : AbstractValidator<T> where T : IUserFields
{
    public UserFieldsValidator(AppDbContext db)
    {
        RuleFor(u => u.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(u => u.Role).NotEmpty()
            .Must(role => Roles.All.Contains(role)).WithMessage($"Role must be one of: {string.Join(", ", Roles.All)}.");
        RuleFor(u => u.TerritoryIds).NotNull();
        RuleFor(u => u.TerritoryIds)
            .MustAsync(async (ids, ct) =>
            {
                var distinct = ids.Distinct().ToList();
                return await db.Territories.CountAsync(t => distinct.Contains(t.Id), ct) == distinct.Count;
            })
            .When(u => u.TerritoryIds is { Count: > 0 })
            .WithMessage("One or more of the chosen territories do not exist.");
        RuleFor(u => u.TerritoryIds)
            .Must(ids => ids.Count == 0)
            .When(u => u.TerritoryIds is not null && u.Role is Roles.Executive or Roles.Admin)
            .WithMessage("Territories are assigned to reps and managers only; clear them for this role.");
        RuleFor(u => u.Region)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Region is required for a manager.")
            .MaximumLength(100)
            .MustAsync(async (region, ct) =>
            {
                var name = region!.Trim();
                return await db.Territories.AnyAsync(t => t.Region == name, ct);
            })
            .WithMessage("Region must be a region that has territories.")
            .When(u => u.Role == Roles.Manager);
        RuleFor(u => u.Region)
            .Empty().WithMessage("Only managers have a region; leave it empty for this role.")
            .When(u => u.Role != Roles.Manager && Roles.All.Contains(u.Role));
    }
}

internal static class UserFieldsExtensions
{
    /// <summary>Sets the plain fields; the role and the territory rows are written by the handlers.</summary>
    public static void ApplyTo(this IUserFields fields, ApplicationUser user)
    {
        user.DisplayName = fields.DisplayName.Trim();
        user.Region = fields.Role == Roles.Manager && !string.IsNullOrWhiteSpace(fields.Region) ? fields.Region.Trim() : null;
    }

    public static string EmailKey(string email) => email.Trim().ToUpperInvariant();
}

/// <summary>The one role of a user, and the mapping of Identity's results to the pipeline's exceptions.</summary>
internal static class UserIdentity
{
    public const string ConflictMessage =
        "Someone else changed this user after you opened it. Nothing was saved; reload to see their change and apply yours again.";

    /// <summary>The user's role; a user holding several (only possible through old data) shows the most privileged.</summary>
    public static string? PrimaryRole(IEnumerable<string?> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return Roles.All.Reverse().FirstOrDefault(held.Contains);
    }

    public static async Task<Dictionary<Guid, string>> RolesOfAsync(AppDbContext db, IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        var pairs = await db.UserRoles.AsNoTracking().Where(ur => userIds.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        return pairs.GroupBy(p => p.UserId).ToDictionary(g => g.Key, g => PrimaryRole(g.Select(p => p.Name)) ?? "");
    }

    /// <summary>
    /// Turns a failed <see cref="IdentityResult"/> into the exceptions the web layer maps: a stale
    /// concurrency stamp is a conflict (409); anything else is a validation failure keyed by the field
    /// it concerns (password rules on <paramref name="defaultField"/>, e-mail and user name on Email).
    /// </summary>
    public static void ThrowIfFailed(IdentityResult result, string defaultField = "")
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw new ConflictException(ConflictMessage);
        }

        throw new ValidationFailedException(result.Errors
            .GroupBy(e => FieldOf(e, defaultField), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).Distinct().ToArray(), StringComparer.Ordinal));
    }

    private static string FieldOf(IdentityError error, string defaultField) => error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.InvalidEmail)
            or nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName) => "Email",
        _ => defaultField,
    };
}

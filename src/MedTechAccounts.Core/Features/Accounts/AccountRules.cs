using FluentValidation;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Accounts;

/// <summary>The fields an account form edits, shared by <see cref="CreateAccount"/> and <see cref="EditAccount"/>.</summary>
public interface IAccountFields
{
    string ExternalId { get; }
    string Name { get; }
    Guid? ParentAccountId { get; }
    AccountSegment Segment { get; }
    int? BedCount { get; }
    Guid TerritoryId { get; }
    Guid? OwnerRepId { get; }
    AccountStatus Status { get; }
    string? City { get; }
    string? State { get; }
    string TimeZone { get; }
}

/// <summary>Validation of account fields. Territory and parent go through the scoped context, so a rep can only pick their own.</summary>
public sealed class AccountFieldsValidator<T> : AbstractValidator<T> where T : IAccountFields
{
    public AccountFieldsValidator(AppDbContext db)
    {
        RuleFor(a => a.ExternalId).NotEmpty().MaximumLength(AccountLimits.MaxExternalId)
            .Matches("^[A-Za-z0-9._-]+$").WithMessage("External id may contain letters, digits, '.', '_' and '-' only.");
        RuleFor(a => a.Name).NotEmpty().MaximumLength(AccountLimits.MaxName);
        RuleFor(a => a.Segment).IsInEnum();
        RuleFor(a => a.Status).IsInEnum();
        RuleFor(a => a.BedCount).InclusiveBetween(0, AccountLimits.MaxBeds);
        RuleFor(a => a.City).MaximumLength(AccountLimits.MaxCity);
        RuleFor(a => a.State).MaximumLength(AccountLimits.MaxState);
        RuleFor(a => a.TimeZone).NotEmpty().Must(tz => tz is null || TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _))
            .WithMessage("Time zone must be an IANA time zone such as America/Chicago.");
        RuleFor(a => a.TerritoryId).NotEmpty()
            .MustAsync(async (id, ct) => await db.Territories.AnyAsync(t => t.Id == id, ct) && db.Scope.Allows(id))
            .WithMessage("Territory must be one of the territories you cover.");
        RuleFor(a => a.ParentAccountId)
            .MustAsync(async (id, ct) => id is null || await db.Accounts.AnyAsync(a => a.Id == id, ct))
            .WithMessage("Parent account does not exist or is outside your territories.");
        RuleFor(a => a.OwnerRepId)
            .MustAsync(async (id, ct) => id is null || await db.Users.AnyAsync(u => u.Id == id && u.IsActive, ct))
            .WithMessage("Owning rep must be an active user.")
            .DependentRules(() => RuleFor(a => a.OwnerRepId)
                .MustAsync(async (a, id, ct) => id is not { } owner || await db.UserReachesTerritoryAsync(owner, a.TerritoryId, ct))
                .WithMessage("Owning rep must cover the account's territory."));
    }
}

internal static class AccountFieldsExtensions
{
    public static void ApplyTo(this IAccountFields fields, Account account)
    {
        account.ExternalId = fields.ExternalId.Trim();
        account.Name = fields.Name.Trim();
        account.ParentAccountId = fields.ParentAccountId;
        account.Segment = fields.Segment;
        account.BedCount = fields.BedCount;
        account.TerritoryId = fields.TerritoryId;
        account.OwnerRepId = fields.OwnerRepId;
        account.Status = fields.Status;
        account.City = string.IsNullOrWhiteSpace(fields.City) ? null : fields.City.Trim();
        account.State = string.IsNullOrWhiteSpace(fields.State) ? null : fields.State.Trim();
        account.TimeZone = fields.TimeZone.Trim();
    }
}

using System.Globalization;
using FluentValidation;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Incidents;

/// <summary>Limits and normalisation of incident times and texts.</summary>
public static class IncidentText
{
    /// <summary>Tablets and laptops disagree with the server by a little; more than this is a time in the future.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Earlier than this is a typo, not a record.</summary>
    public static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);




    /// <summary>A new external id, "INC-20261128-3F9A1C": the UTC date and six random hex digits.</summary>
    public static string NewExternalId(DateTime now) =>
        string.Create(CultureInfo.InvariantCulture, $"INC-{now:yyyyMMdd}-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}");

    public static bool IsNotInFuture(DateTime value, TimeProvider clock) => UtcTime.ToMillisecond(value) <= clock.GetUtcNow().UtcDateTime + ClockSkew;

    public static bool IsNotInFuture(DateTime? value, TimeProvider clock) => value is not { } v || IsNotInFuture(v, clock);
}

/// <summary>The three times of an incident, whose order every command keeps.</summary>
public interface IIncidentTimes
{
    DateTime OpenedAt { get; }
    DateTime? FirstResponseAt { get; }
    DateTime? ResolvedAt { get; }
}

/// <summary>
/// Times in order and not in the future: first response at or after opening, resolution at or after the first response
/// (and so after opening), a resolution only with a first response, nothing beyond <see cref="IncidentText.ClockSkew"/>
/// from now, nothing before <see cref="IncidentText.Earliest"/>. Pure: no database.
/// </summary>
public sealed class IncidentTimesValidator<T> : AbstractValidator<T> where T : IIncidentTimes
{
    public IncidentTimesValidator(TimeProvider clock)
    {
        RuleFor(c => c.OpenedAt).NotEmpty().WithMessage("Opened at is required.")
            .Must(at => UtcTime.ToMillisecond(at) >= IncidentText.Earliest).WithMessage("Opened at must be in 2000 or later.")
            .Must(at => IncidentText.IsNotInFuture(at, clock)).WithMessage("Opened at cannot be in the future.");
        RuleFor(c => c.FirstResponseAt)
            .Must(at => IncidentText.IsNotInFuture(at, clock)).WithMessage("First response cannot be in the future.")
            .Must((c, at) => at is not { } responded || UtcTime.ToMillisecond(responded) >= UtcTime.ToMillisecond(c.OpenedAt))
            .WithMessage("First response cannot be before the incident was opened.");
        RuleFor(c => c.ResolvedAt)
            .Must(at => IncidentText.IsNotInFuture(at, clock)).WithMessage("Resolved at cannot be in the future.")
            .Must((c, at) => at is null || c.FirstResponseAt is not null)
            .WithMessage("A resolved incident needs its first response; record it (it may be the time of the resolution).")
            .Must((c, at) => at is not { } resolved || UtcTime.ToMillisecond(resolved) >= UtcTime.ToMillisecond(c.FirstResponseAt ?? c.OpenedAt))
            .WithMessage("Resolved at cannot be before the first response or the opening.");
    }
}

/// <summary>The descriptive fields a person sets when opening or editing an incident.</summary>
public interface IIncidentFields
{
    Guid DeviceId { get; }
    IncidentSeverity Severity { get; }
    string Category { get; }

    /// <summary>Null: derived from the opening time and the site's business hours; true or false: set by a person.</summary>
    bool? AfterHours { get; }
}

/// <summary>Validation of <see cref="IIncidentFields"/>: the device must be in the incident's account (the caller's scope applies).</summary>
public sealed class IncidentFieldsValidator<T> : AbstractValidator<T> where T : IIncidentFields
{
    /// <param name="db">The scoped context.</param>
    /// <param name="accountOf">The incident's account: the command's for a new incident, the stored one for an edit.</param>
    public IncidentFieldsValidator(AppDbContext db, Func<T, CancellationToken, Task<Guid?>> accountOf)
    {
        RuleFor(c => c.Severity).IsInEnum();
        RuleFor(c => c.Category).NotEmpty().WithMessage("Category is required (for example \"Alarm fault\").")
            .MaximumLength(IncidentLimits.MaxCategory);
        RuleFor(c => c.DeviceId).NotEmpty().WithMessage("Choose the device.");
        RuleFor(c => c.DeviceId)
            .MustAsync(async (c, deviceId, ct) => await accountOf(c, ct) is { } accountId
                && await db.Devices.AnyAsync(d => d.Id == deviceId && d.AccountId == accountId, ct))
            .When(c => c.DeviceId != Guid.Empty)
            .WithMessage("The device must be in this account's install base.");
    }
}

internal static class IncidentRulesExtensions
{
    /// <summary>
    /// The responder must be an active user (a person, not an integration client) who may see the incident's account
    /// (<paramref name="incidentId"/> names an incident in the caller's scope; the rule passes when it is not, the
    /// not-found rule answers then).
    /// </summary>
    public static IRuleBuilderOptions<T, Guid?> MustBeResponderFor<T>(this IRuleBuilder<T, Guid?> rule, AppDbContext db, Func<T, Guid> incidentId) =>
        rule.MustAsync(async (id, ct) => id is not { } userId || await db.Users.AnyAsync(u => u.Id == userId && u.IsActive, ct))
            .WithMessage("The responder must be an active user.")
            .MustAsync(async (c, id, ct) => id is not { } userId
                || await db.Incidents.Where(i => i.Id == incidentId(c)).Select(i => (Guid?)i.Account!.TerritoryId).SingleOrDefaultAsync(ct) is not { } territory
                || await db.UserReachesTerritoryAsync(userId, territory, ct))
            .WithMessage("The responder must cover the account's territory.");

    /// <summary>Time zone of an account in scope, or null when it is not.</summary>
    public static Task<string?> TimeZoneOfAsync(this AppDbContext db, Guid accountId, CancellationToken ct) =>
        db.Accounts.Where(a => a.Id == accountId).Select(a => a.TimeZone).SingleOrDefaultAsync(ct);
}

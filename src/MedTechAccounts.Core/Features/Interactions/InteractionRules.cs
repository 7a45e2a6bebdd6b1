using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions;

/// <summary>The fields of a logged interaction, shared by <see cref="LogVisit"/> and <see cref="EditInteraction"/>.</summary>
public interface IInteractionFields
{
    Guid AccountId { get; }
    DateTime OccurredAt { get; }
    InteractionType Type { get; }
    IReadOnlyList<Guid> ContactIds { get; }
    IReadOnlyList<Guid> DeviceIds { get; }
    string? Notes { get; }
    IReadOnlyList<string> VoiceOfCustomer { get; }
    int Sentiment { get; }
    string? NextStep { get; }
    DateOnly? NextStepDue { get; }
}

/// <summary>
/// Validation of interaction fields. The account is checked by the command (404 when foreign);
/// contacts and devices must belong to that account, and the visit time must be plausible.
/// </summary>
public sealed class InteractionFieldsValidator<T> : AbstractValidator<T> where T : IInteractionFields
{
    /// <summary>Tablets and laptops disagree with the server by a little; more than this is a visit in the future.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Older than this is a typo (a wrong year), not a late entry.</summary>
    public static readonly TimeSpan MaximumAge = TimeSpan.FromDays(366);

    public InteractionFieldsValidator(AppDbContext db, TimeProvider clock)
    {
        RuleFor(c => c.Type).IsInEnum();
        RuleFor(c => c.OccurredAt).NotEmpty().WithMessage("Time of the visit is required.")
            .Must(at => UtcTime.ToMillisecond(at) <= clock.GetUtcNow().UtcDateTime + ClockSkew)
            .WithMessage("Time of the visit cannot be in the future.")
            .Must(at => UtcTime.ToMillisecond(at) >= clock.GetUtcNow().UtcDateTime - MaximumAge)
            .WithMessage("Time of the visit is more than a year ago; check the date.");
        RuleFor(c => c.Sentiment).InclusiveBetween(-2, 2).WithMessage("Sentiment must be between -2 and +2.");
        RuleFor(c => c.Notes).MaximumLength(InteractionLimits.MaxNotes);
        RuleFor(c => c.NextStep).MaximumLength(InteractionLimits.MaxNextStep);
        RuleFor(c => c.NextStep).NotEmpty().When(c => c.NextStepDue is not null)
            .WithMessage("Say what the next step is when you give it a due date.");
        RuleFor(c => c.VoiceOfCustomer)
            .Must(v => InteractionText.Problems(v).Count <= InteractionLimits.MaxProblems)
            .WithMessage($"Voice of the customer holds at most {InteractionLimits.MaxProblems} problems.")
            .Must(v => InteractionText.Problems(v).All(p => p.Length <= InteractionLimits.MaxProblem))
            .WithMessage($"Each voice-of-customer problem must be {InteractionLimits.MaxProblem} characters or fewer.")
            .Must(v => (InteractionText.JoinProblems(v)?.Length ?? 0) <= InteractionLimits.MaxVoiceOfCustomer)
            .WithMessage($"Voice of the customer must be {InteractionLimits.MaxVoiceOfCustomer} characters or fewer in all.");
        RuleFor(c => c.ContactIds)
            .Must(ids => (ids ?? []).Count <= InteractionLimits.MaxContacts).WithMessage($"At most {InteractionLimits.MaxContacts} contacts.")
            .MustAsync(async (command, ids, ct) =>
            {
                var wanted = (ids ?? []).Distinct().ToList();
                return wanted.Count == 0
                    || await db.Contacts.CountAsync(c => wanted.Contains(c.Id) && c.AccountId == command.AccountId, ct) == wanted.Count;
            })
            .WithMessage("Contacts must be people at this account.");
        RuleFor(c => c.DeviceIds)
            .Must(ids => (ids ?? []).Count <= InteractionLimits.MaxDevices).WithMessage($"At most {InteractionLimits.MaxDevices} devices.")
            .MustAsync(async (command, ids, ct) =>
            {
                var wanted = (ids ?? []).Distinct().ToList();
                return wanted.Count == 0
                    || await db.Devices.CountAsync(d => wanted.Contains(d.Id) && d.AccountId == command.AccountId, ct) == wanted.Count;
            })
            .WithMessage("Devices must be in this account's install base.");
        RuleFor(c => c.NextStepDue)
            .MustAsync(async (command, due, ct) => due is null || due.Value >= await VisitDateAsync(db, command, ct))
            .WithMessage("The next step cannot be due before the visit.");
    }

    /// <summary>The visit's date where it happened (the account's time zone).</summary>
    private static async Task<DateOnly> VisitDateAsync(AppDbContext db, T command, CancellationToken ct)
    {
        var zone = await db.Accounts.Where(a => a.Id == command.AccountId).Select(a => a.TimeZone).SingleOrDefaultAsync(ct);
        return AccountDate.Of(UtcTime.ToMillisecond(command.OccurredAt), zone);
    }
}

/// <summary>Normalisation shared by validation, storage and the idempotency hash.</summary>
public static class InteractionText
{

    /// <summary>Problems one per item; an item holding several lines (a form's text area) is split; blanks are dropped.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<string>? items) =>
        (items ?? [])
            .SelectMany(i => (i ?? "").Split('\n'))
            .Select(p => p.Trim())
            .Where(p => p.Length > 0)
            .ToList();

    public static string? JoinProblems(IReadOnlyList<string>? items) =>
        Problems(items) is { Count: > 0 } problems ? string.Join('\n', problems) : null;

    public static IReadOnlyList<string> SplitProblems(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split('\n');

    /// <summary>
    /// SHA-256 (hex) of a canonical JSON of everything the request says: fixed field order, UTC
    /// times to the millisecond, sorted and de-duplicated ids, trimmed text. The same visit sent
    /// twice hashes the same; any change of content does not.
    /// </summary>
    /// <remarks>A training's model and signatures are part of the content; other visits hash as they always did.</remarks>
    public static string RequestHash(Guid id, Guid repId, IInteractionFields fields, InteractionSource source, ITrainingFields? training = null)
    {
        var canonical = new CanonicalRequest(
            id,
            repId,
            fields.AccountId,
            UtcTime.ToMillisecond(fields.OccurredAt).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            fields.Type.ToString(),
            (fields.ContactIds ?? []).Distinct().Order().ToArray(),
            (fields.DeviceIds ?? []).Distinct().Order().ToArray(),
            StoredText.Clean(fields.Notes),
            Problems(fields.VoiceOfCustomer).ToArray(),
            fields.Sentiment,
            StoredText.Clean(fields.NextStep),
            fields.NextStepDue?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            source.ToString(),
            training is null ? null : TrainingSignature.Canonical(training));
        var json = JsonSerializer.SerializeToUtf8Bytes(canonical, CanonicalJson);
        return Convert.ToHexStringLower(SHA256.HashData(json));
    }

    private static readonly JsonSerializerOptions CanonicalJson = new() { WriteIndented = false };

    private sealed record CanonicalRequest(
        Guid Id, Guid RepId, Guid AccountId, string OccurredAt, string Type, Guid[] ContactIds, Guid[] DeviceIds,
        string? Notes, string[] VoiceOfCustomer, int Sentiment, string? NextStep, string? NextStepDue, string Source,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        CanonicalTraining? Training);
}

internal static class InteractionFieldsExtensions
{
    /// <summary>Sets the fields and replaces the contact and device links of a tracked interaction.</summary>
    public static void ApplyTo(this IInteractionFields fields, Interaction interaction, AppDbContext db)
    {
        interaction.AccountId = fields.AccountId;
        interaction.OccurredAt = UtcTime.ToMillisecond(fields.OccurredAt);
        interaction.Type = fields.Type;
        interaction.Notes = StoredText.Clean(fields.Notes);
        interaction.VoiceOfCustomer = InteractionText.JoinProblems(fields.VoiceOfCustomer);
        interaction.Sentiment = fields.Sentiment;
        interaction.NextStep = StoredText.Clean(fields.NextStep);
        interaction.NextStepDue = interaction.NextStep is null ? null : fields.NextStepDue;

        interaction.SetLinks(fields.ContactIds, fields.DeviceIds);
    }
}

using System.Globalization;
using System.Security.Cryptography;
using FluentValidation;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions;

/// <summary>One attendee of an in-service training and the signature they drew on the tablet.</summary>
public sealed record TrainingAttendeeInput
{
    /// <summary>The attendee when they are a contact of the account; leave empty for anyone else.</summary>
    public Guid? ContactId { get; init; }
    public string Name { get; init; } = "";

    /// <summary>Job title or unit ("ICU nurse").</summary>
    public string? Role { get; init; }

    /// <summary>The signature as a PNG image in base64, optionally as a data URL (<c>data:image/png;base64,...</c>).</summary>
    public string Signature { get; init; } = "";

    /// <summary>When the attendee signed, by the tablet's clock, in UTC.</summary>
    public DateTime SignedAt { get; init; }
}

/// <summary>The training part of a logged visit.</summary>
public interface ITrainingFields
{
    Guid AccountId { get; }
    DateTime OccurredAt { get; }
    InteractionType Type { get; }
    Guid? TrainedProductId { get; }
    IReadOnlyList<TrainingAttendeeInput> Attendees { get; }
}

public static class TrainingLimits
{
    public const int MaxAttendees = 60;
    public const int MaxName = 200;
    public const int MaxRole = 200;

    /// <summary>A signature drawn on a tablet is 5–40 KB as PNG; far more is not a signature.</summary>
    public const int MaxSignatureBytes = 256 * 1024;

    /// <summary>Attendees sign during or after the training; an hour's slack for a tablet clock set wrong or a late start entered early.</summary>
    public static readonly TimeSpan SignedBeforeVisitSlack = TimeSpan.FromHours(1);
}

/// <summary>
/// An in-service training names the device model trained on and has at least one signed attendee; any other
/// kind of visit has neither. Signatures must be PNG images, signed no earlier than the training and not in the future.
/// </summary>
public sealed class TrainingFieldsValidator<T> : AbstractValidator<T> where T : ITrainingFields
{
    public TrainingFieldsValidator(AppDbContext db, TimeProvider clock)
    {
        When(c => c.Type == InteractionType.InServiceTraining, () =>
        {
            RuleFor(c => c.TrainedProductId).NotEmpty().WithMessage("Device model trained on is required for an in-service training.")
                .MustAsync(async (id, ct) => id is null || await db.Products.AnyAsync(p => p.Id == id, ct))
                .WithMessage("Device model trained on must be a product of the catalog.");
            RuleFor(c => c.Attendees).Must(a => (a ?? []).Count > 0)
                .WithMessage("An in-service training needs at least one attendee who signed.")
                .Must(a => (a ?? []).Count <= TrainingLimits.MaxAttendees)
                .WithMessage($"At most {TrainingLimits.MaxAttendees} attendees per training.")
                .Must(a => (a ?? []).Where(x => x.ContactId is not null).GroupBy(x => x.ContactId).All(g => g.Count() == 1))
                .WithMessage("Each contact signs once per training.")
                .MustAsync(async (command, attendees, ct) =>
                {
                    var wanted = (attendees ?? []).Where(a => a.ContactId is not null).Select(a => a.ContactId!.Value).Distinct().ToList();
                    return wanted.Count == 0
                        || await db.Contacts.CountAsync(c => wanted.Contains(c.Id) && c.AccountId == command.AccountId, ct) == wanted.Count;
                })
                .WithMessage("Attendees picked from contacts must be people at this account.");
            RuleForEach(c => c.Attendees).ChildRules(attendee =>
            {
                attendee.RuleFor(a => a.Name).NotEmpty().WithMessage("Attendee name is required.")
                    .MaximumLength(TrainingLimits.MaxName);
                attendee.RuleFor(a => a.Role).MaximumLength(TrainingLimits.MaxRole);
                attendee.RuleFor(a => a.Signature).Must(s => TrainingSignature.Decode(s) is not null)
                    .WithMessage("Signature is missing or is not a PNG image; ask the attendee to sign again.")
                    .Must(s => (TrainingSignature.Decode(s)?.Length ?? 0) <= TrainingLimits.MaxSignatureBytes)
                    .WithMessage($"Signature image is larger than {TrainingLimits.MaxSignatureBytes / 1024} KB.");
                attendee.RuleFor(a => a.SignedAt).NotEmpty().WithMessage("Time of signing is required.")
                    .Must(at => UtcTime.ToMillisecond(at) <= clock.GetUtcNow().UtcDateTime + InteractionFieldsValidator<IInteractionFields>.ClockSkew)
                    .WithMessage("Time of signing cannot be in the future.");
            });
            RuleForEach(c => c.Attendees)
                .Must((command, attendee) => attendee.SignedAt == default
                    // A difference, not OccurredAt minus the slack: that underflows for a visit time at the calendar's start.
                    || UtcTime.ToMillisecond(attendee.SignedAt) - UtcTime.ToMillisecond(command.OccurredAt) >= -TrainingLimits.SignedBeforeVisitSlack)
                .WithMessage("Time of signing is before the training; check the visit time.");
        });
        When(c => c.Type != InteractionType.InServiceTraining, () =>
        {
            RuleFor(c => c.TrainedProductId).Null().WithMessage("Device model trained on belongs to an in-service training only.");
            RuleFor(c => c.Attendees).Must(a => (a ?? []).Count == 0)
                .WithMessage("Attendees and signatures belong to an in-service training only.");
        });
    }
}

/// <summary>Decoding, hashing and the canonical form of training signatures.</summary>
public static class TrainingSignature
{
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private const string DataUrlPrefix = "data:image/png;base64,";

    /// <summary>The PNG bytes of a base64 or data-URL signature; null when it is not a PNG image.</summary>
    public static byte[]? Decode(string? signature)
    {
        if (string.IsNullOrWhiteSpace(signature))
        {
            return null;
        }

        var base64 = signature.StartsWith(DataUrlPrefix, StringComparison.OrdinalIgnoreCase) ? signature[DataUrlPrefix.Length..] : signature;
        var buffer = new byte[base64.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var length) || length < PngMagic.Length + 16)
        {
            return null;
        }

        return buffer.AsSpan(0, PngMagic.Length).SequenceEqual(PngMagic) ? buffer[..length] : null;
    }

    public static string Sha256(byte[] png) => Convert.ToHexStringLower(SHA256.HashData(png));

    /// <summary>What the idempotency hash covers of a training: the model and each attendee with their signature's hash.</summary>
    internal static CanonicalTraining? Canonical(ITrainingFields fields) =>
        fields.TrainedProductId is null && (fields.Attendees ?? []).Count == 0
            ? null
            : new CanonicalTraining(
                fields.TrainedProductId,
                [.. (fields.Attendees ?? []).Select(a => new CanonicalAttendee(
                    a.ContactId,
                    a.Name.Trim(),
                    StoredText.Clean(a.Role),
                    UtcTime.ToMillisecond(a.SignedAt).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    Decode(a.Signature) is { } png ? Sha256(png) : ""))]);

    /// <summary>The sign-off records of a validated training, one per attendee.</summary>
    internal static List<TrainingSignOff> SignOffs(ITrainingFields fields, Guid interactionId, Guid repId) =>
        [.. (fields.Attendees ?? []).Select(a =>
        {
            var png = Decode(a.Signature)!;
            return new TrainingSignOff
            {
                InteractionId = interactionId,
                AccountId = fields.AccountId,
                ContactId = a.ContactId,
                AttendeeName = a.Name.Trim(),
                AttendeeRole = StoredText.Clean(a.Role),
                SignaturePng = png,
                SignatureSha256 = Sha256(png),
                SignedAt = UtcTime.ToMillisecond(a.SignedAt),
                RecordedById = repId,
            };
        })];
}

internal sealed record CanonicalAttendee(Guid? ContactId, string Name, string? Role, string SignedAt, string SignatureSha256);

internal sealed record CanonicalTraining(Guid? ProductId, CanonicalAttendee[] Attendees);

using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions;

/// <summary>
/// The attendance sheet of one in-service training: who was trained on which device model, by whom, when, and each
/// attendee's signature with the time they signed and the SHA-256 that ties the image to this record.
/// </summary>
public static class AttendanceSheet
{
    public sealed record Query(Guid InteractionId) : IQuery<Result>;

    /// <summary>One attendee's signature image alone (the API serves it without loading the whole sheet).</summary>
    public sealed record SignatureQuery(Guid InteractionId, Guid SignOffId) : IQuery<byte[]>;

    public sealed record Attendee(Guid Id, string Name, string? Role, string? ContactName, DateTime SignedAt, byte[] SignaturePng, string SignatureSha256);

    public sealed record Result(
        Guid InteractionId,
        Guid AccountId,
        string AccountName,
        string? City,
        string TimeZone,
        DateTime OccurredAt,
        string? ProductName,
        string? ProductFamily,
        string? ProductSku,
        string TrainerName,
        string? Notes,
        IReadOnlyList<Attendee> Attendees)
    {
        /// <summary>A time in the account's own zone (the hospital's wall clock), falling back to UTC for an unknown zone.</summary>
        public DateTime Local(DateTime utc) =>
            TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? TimeZoneInfo.ConvertTimeFromUtc(utc, zone) : utc;
    }

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>, IQueryHandler<SignatureQuery, byte[]>
    {
        public async ValueTask<byte[]> Handle(SignatureQuery query, CancellationToken cancellationToken) =>
            await db.TrainingSignOffs.AsNoTracking()
                .Where(s => s.Id == query.SignOffId && s.InteractionId == query.InteractionId)
                .Select(s => s.SignaturePng)
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Signature", query.SignOffId);

        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var training = await db.Interactions.AsNoTracking()
                .Where(i => i.Id == query.InteractionId && i.Type == InteractionType.InServiceTraining)
                .Select(i => new
                {
                    i.Id,
                    i.AccountId,
                    AccountName = i.Account!.Name,
                    i.Account.City,
                    i.Account.TimeZone,
                    i.OccurredAt,
                    ProductName = i.TrainedProduct != null ? i.TrainedProduct.Name : null,
                    ProductFamily = i.TrainedProduct != null ? i.TrainedProduct.Family : null,
                    ProductSku = i.TrainedProduct != null ? i.TrainedProduct.Sku : null,
                    TrainerName = i.Rep!.DisplayName,
                    i.Notes,
                })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("In-service training", query.InteractionId);

            var attendees = await db.TrainingSignOffs.AsNoTracking()
                .Where(s => s.InteractionId == training.Id)
                .OrderBy(s => s.SignedAt).ThenBy(s => s.AttendeeName)
                .Select(s => new Attendee(s.Id, s.AttendeeName, s.AttendeeRole, s.Contact != null ? s.Contact.Name : null, s.SignedAt, s.SignaturePng, s.SignatureSha256))
                .ToListAsync(cancellationToken);

            return new Result(training.Id, training.AccountId, training.AccountName, training.City, training.TimeZone, training.OccurredAt,
                training.ProductName, training.ProductFamily, training.ProductSku, training.TrainerName, training.Notes, attendees);
        }
    }
}

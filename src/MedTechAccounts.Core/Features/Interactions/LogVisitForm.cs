using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions;

/// <summary>
/// What the visit form needs: a blank <see cref="LogVisit.Command"/> with a fresh id and the time
/// now (<see cref="Query"/>), and the account's contacts and active devices to pick from
/// (<see cref="Choices"/>, read again when a failed post redisplays the form).
/// </summary>
public static class LogVisitForm
{
    public sealed record Query(Guid AccountId) : IQuery<LogVisit.Command>;

    /// <summary>
    /// The chips of a form being shown again after a failed post: an account the user cannot see (or none, when the
    /// posted account id was tampered with or left out) has no name, contacts or devices, so the form shows its
    /// validation errors instead of failing while it renders. The form pages themselves answer 404 for such an account.
    /// </summary>
    public sealed record Choices(Guid AccountId) : IQuery<ChoicesResult>;

    public sealed record ChoicesResult(string AccountName, IReadOnlyList<Choice> Contacts, IReadOnlyList<Choice> Devices);

    /// <summary>A chip: the id, its label and an optional second line.</summary>
    public sealed record Choice(Guid Id, string Label, string? Detail);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(AppDbContext db) => RuleFor(q => q.AccountId).MustExistIn(db.Accounts, "Account");
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, LogVisit.Command>, IQueryHandler<Choices, ChoicesResult>
    {
        public ValueTask<LogVisit.Command> Handle(Query query, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new LogVisit.Command
            {
                // Rendered into the form, so a double submit or a retry after a lost answer logs one visit.
                Id = Guid.NewGuid(),
                AccountId = query.AccountId,
                OccurredAt = UtcTime.ToMillisecond(clock.GetUtcNow().UtcDateTime),
                Type = InteractionType.Visit,
                Source = InteractionSource.Web,
            });

        public async ValueTask<ChoicesResult> Handle(Choices query, CancellationToken cancellationToken)
        {
            var name = await db.Accounts.AsNoTracking().Where(a => a.Id == query.AccountId).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
            var contacts = await db.Contacts.AsNoTracking().Where(c => c.AccountId == query.AccountId)
                .OrderBy(c => c.Name).Take(200)
                .Select(c => new Choice(c.Id, c.Name, c.Title))
                .ToListAsync(cancellationToken);
            var devices = await db.Devices.AsNoTracking()
                .Where(d => d.AccountId == query.AccountId && d.Status == DeviceStatus.Active && d.Competitor == null)
                .OrderBy(d => d.Product!.Name).ThenBy(d => d.SerialNumber).Take(200)
                .Select(d => new Choice(d.Id, d.Product!.Name, d.SerialNumber))
                .ToListAsync(cancellationToken);
            return new ChoicesResult(name, contacts, devices);
        }
    }
}

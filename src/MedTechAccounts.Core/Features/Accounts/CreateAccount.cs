using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Accounts;

public static class CreateAccount
{
    public sealed record Command : ICommand<Guid>, IAccountFields
    {
        /// <summary>Optional client-generated id; a new one is made when empty.</summary>
        public Guid? Id { get; init; }
        public string ExternalId { get; init; } = "";
        public string Name { get; init; } = "";
        public Guid? ParentAccountId { get; init; }
        public AccountSegment Segment { get; init; }
        public int? BedCount { get; init; }
        public Guid TerritoryId { get; init; }
        public Guid? OwnerRepId { get; init; }
        public AccountStatus Status { get; init; } = AccountStatus.Prospect;
        public string? City { get; init; }
        public string? State { get; init; }
        public string TimeZone { get; init; } = "America/Chicago";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db)
        {
            Include(new AccountFieldsValidator<Command>(db));
            RuleFor(c => c.ExternalId)
                .MustAsync(async (id, ct) => await db.Accounts.IsFreeAsync(a => a.ExternalId == id.Trim(), ct))
                .WithMessage("External id is already used by another account.");
            RuleFor(c => c.Id)
                .MustAsync(async (id, ct) => id is null || await db.Accounts.IsFreeAsync(a => a.Id == id, ct))
                .WithMessage("An account with this id already exists.");
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Guid>
    {
        public ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = new Account { Id = command.Id is { } id && id != Guid.Empty ? id : Guid.NewGuid() };
            command.ApplyTo(account);
            db.Accounts.Add(account);
            return ValueTask.FromResult(account.Id);
        }
    }
}

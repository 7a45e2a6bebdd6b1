using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Accounts;

public static class EditAccount
{
    /// <summary>Loads the edit form: the current values and the version the editor starts from.</summary>
    public sealed record Query(Guid Id) : IQuery<Command>;

    public sealed record Command : ICommand<Guid>, IAccountFields
    {
        public Guid Id { get; init; }

        /// <summary>The version the editor saw; a save against a newer version is refused.</summary>
        public Guid Version { get; init; }
        public string ExternalId { get; init; } = "";
        public string Name { get; init; } = "";
        public Guid? ParentAccountId { get; init; }
        public AccountSegment Segment { get; init; }
        public int? BedCount { get; init; }
        public Guid TerritoryId { get; init; }
        public Guid? OwnerRepId { get; init; }
        public AccountStatus Status { get; init; }
        public string? City { get; init; }
        public string? State { get; init; }
        public string TimeZone { get; init; } = "";
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<Account, Command>();
    }

    public sealed class QueryHandler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Accounts.AsNoTracking().Where(a => a.Id == query.Id).ProjectTo<Command>(mapping).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Account", query.Id);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db)
        {
            RuleFor(c => c.Id).MustExistIn(db.Accounts, "Account");
            Include(new AccountFieldsValidator<Command>(db));
            RuleFor(c => c.Version).NotEmpty();
            RuleFor(c => c.ExternalId)
                .MustAsync(async (command, id, ct) =>
                    await db.Accounts.IsFreeAsync(a => a.ExternalId == id.Trim() && a.Id != command.Id, ct))
                .WithMessage("External id is already used by another account.");
            RuleFor(c => c.ParentAccountId)
                .MustAsync(async (command, parentId, ct) => parentId is null || !await IsDescendantOrSelfAsync(db, command.Id, parentId.Value, ct))
                .WithMessage("Parent account cannot be the account itself or one of its own children.");
        }

        /// <summary>Walks up from the proposed parent; meeting the account itself would make a cycle.</summary>
        private static async Task<bool> IsDescendantOrSelfAsync(AppDbContext db, Guid accountId, Guid parentId, CancellationToken ct)
        {
            var seen = new HashSet<Guid>();
            Guid? current = parentId;
            while (current is { } id && seen.Add(id))
            {
                if (id == accountId)
                {
                    return true;
                }

                current = await db.Accounts.IgnoreQueryFilters().Where(a => a.Id == id).Select(a => a.ParentAccountId).SingleOrDefaultAsync(ct);
            }

            return false;
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Account", command.Id);
            db.Entry(account).Property(a => a.Version).OriginalValue = command.Version;
            command.ApplyTo(account);
            return account.Id;
        }
    }
}

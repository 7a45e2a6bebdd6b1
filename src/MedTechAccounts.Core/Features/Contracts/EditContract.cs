using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Contracts;

/// <summary>Corrects a contract's dates, value, covered devices and renewed-from link; the account does not change.</summary>
public static class EditContract
{
    public sealed record Query(Guid Id) : IQuery<Command>;

    public sealed record Command : ICommand<Guid>, IContractFields
    {
        public Guid Id { get; init; }

        /// <summary>Shown for navigation; a contract does not move between accounts by an edit.</summary>
        public Guid AccountId { get; init; }

        /// <summary>Shown for reference.</summary>
        public string? ExternalId { get; init; }

        /// <summary>The version the editor saw; a save against a newer version is refused.</summary>
        public Guid Version { get; init; }
        public DateOnly Start { get; init; }
        public DateOnly End { get; init; }
        public decimal AnnualValue { get; init; }
        public Guid? RenewedFromId { get; init; }
        public IReadOnlyList<Guid> DeviceIds { get; init; } = new List<Guid>();
    }

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            var contract = await db.ServiceContracts.AsNoTracking().Include(c => c.CoveredDevices)
                .SingleOrDefaultAsync(c => c.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("Contract", query.Id);
            return new Command
            {
                Id = contract.Id,
                AccountId = contract.AccountId,
                ExternalId = contract.ExternalId,
                Version = contract.Version,
                Start = contract.Start,
                End = contract.End,
                AnnualValue = contract.AnnualValue,
                RenewedFromId = contract.RenewedFromId,
                DeviceIds = contract.CoveredDevices.Select(d => d.DeviceId).ToList(),
            };
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, TimeProvider clock)
        {
            RuleFor(c => c.Id).MustExistIn(db.ServiceContracts, "Contract");
            RuleFor(c => c.Version).NotEmpty();

            // The account is the stored one, whatever the form says: devices and the renewed contract are checked against it.
            RuleFor(c => c.AccountId)
                .MustAsync(async (c, accountId, ct) => await db.ServiceContracts.AnyAsync(x => x.Id == c.Id && x.AccountId == accountId, ct))
                .WithMessage("A contract cannot be moved to another account.");
            Include(new ContractFieldsValidator<Command>(db, clock, c => c.Id));
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var contract = await db.ServiceContracts.Include(c => c.CoveredDevices).SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Contract", command.Id);
            db.Entry(contract).Property(c => c.Version).OriginalValue = command.Version;
            command.ApplyTo(contract);

            // The covered devices are rows of their own; touch the contract so its version guards them too.
            db.Entry(contract).State = EntityState.Modified;
            return contract.Id;
        }
    }
}

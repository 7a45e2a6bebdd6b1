using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Contracts;

/// <summary>Records a service contract of an account, with the devices it covers (chosen from the account's devices).</summary>
public static class CreateContract
{
    public sealed record Command : ICommand<Guid>, IContractFields
    {
        /// <summary>Optional client-generated id; a new one is made when empty.</summary>
        public Guid? Id { get; init; }
        public Guid AccountId { get; init; }

        /// <summary>The contract number of the source system; one is made from the id when empty.</summary>
        public string? ExternalId { get; init; }
        public DateOnly Start { get; init; }
        public DateOnly End { get; init; }
        public decimal AnnualValue { get; init; }
        public Guid? RenewedFromId { get; init; }
        public IReadOnlyList<Guid> DeviceIds { get; init; } = new List<Guid>();
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, TimeProvider clock)
        {
            RuleFor(c => c.AccountId).MustExistIn(db.Accounts, "Account");
            Include(new ContractFieldsValidator<Command>(db, clock, _ => null));
            RuleFor(c => c.ExternalId).MaximumLength(64)
                .MustAsync(async (id, ct) => string.IsNullOrWhiteSpace(id) || await db.ServiceContracts.IsFreeAsync(c => c.ExternalId == id.Trim(), ct))
                .WithMessage("A contract with this contract number already exists.");
            RuleFor(c => c.Id)
                .MustAsync(async (id, ct) => id is null || await db.ServiceContracts.IsFreeAsync(c => c.Id == id, ct))
                .WithMessage("A contract with this id already exists.");
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Guid>
    {
        public ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var id = command.Id is { } given && given != Guid.Empty ? given : Guid.NewGuid();
            var contract = new ServiceContract
            {
                Id = id,
                AccountId = command.AccountId,
                ExternalId = string.IsNullOrWhiteSpace(command.ExternalId) ? $"SC-{id:N}"[..15].ToUpperInvariant() : command.ExternalId.Trim(),
            };
            command.ApplyTo(contract);
            db.ServiceContracts.Add(contract);
            return ValueTask.FromResult(contract.Id);
        }
    }
}

using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Orders;

/// <summary>Enters an order with its lines in one go (orders usually arrive by import; this is the manual path).</summary>
public static class CreateOrder
{
    public sealed record Command : ICommand<Guid>, IOrderFields
    {
        /// <summary>Optional client-generated id; a new one is made when empty.</summary>
        public Guid? Id { get; init; }
        public Guid AccountId { get; init; }

        /// <summary>The order number of the source system; one is made from the id when empty.</summary>
        public string? ExternalId { get; init; }
        public DateOnly OrderDate { get; init; }
        public OrderType Type { get; init; }
        public IReadOnlyList<OrderLineInput> Lines { get; init; } = new List<OrderLineInput>();
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, TimeProvider clock)
        {
            RuleFor(c => c.AccountId).MustExistIn(db.Accounts, "Account");
            Include(new OrderFieldsValidator<Command>(db, clock));
            RuleFor(c => c.ExternalId).MaximumLength(64)
                .MustAsync(async (id, ct) => string.IsNullOrWhiteSpace(id) || await db.Orders.IsFreeAsync(o => o.ExternalId == id.Trim(), ct))
                .WithMessage("An order with this order number already exists.");
            RuleFor(c => c.Id)
                .MustAsync(async (id, ct) => id is null || await db.Orders.IsFreeAsync(o => o.Id == id, ct))
                .WithMessage("An order with this id already exists.");
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Guid>
    {
        public ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var id = command.Id is { } given && given != Guid.Empty ? given : Guid.NewGuid();
            var order = new Order
            {
                Id = id,
                AccountId = command.AccountId,
                ExternalId = string.IsNullOrWhiteSpace(command.ExternalId) ? $"ORD-{id:N}"[..16].ToUpperInvariant() : command.ExternalId.Trim(),
            };
            command.ApplyTo(order, db);
            db.Orders.Add(order);
            return ValueTask.FromResult(order.Id);
        }
    }
}

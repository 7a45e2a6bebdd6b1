using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Orders;

/// <summary>Corrects an order's date, type and lines; the account and the order number do not change.</summary>
public static class EditOrder
{
    public sealed record Query(Guid Id) : IQuery<Command>;

    public sealed record Command : ICommand<Guid>, IOrderFields
    {
        public Guid Id { get; init; }

        /// <summary>Shown for navigation; an order does not move between accounts by an edit.</summary>
        public Guid AccountId { get; init; }

        /// <summary>Shown for reference.</summary>
        public string? ExternalId { get; init; }

        /// <summary>The version the editor saw; a save against a newer version is refused.</summary>
        public Guid Version { get; init; }
        public DateOnly OrderDate { get; init; }
        public OrderType Type { get; init; }
        public IReadOnlyList<OrderLineInput> Lines { get; init; } = new List<OrderLineInput>();
    }

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            var order = await db.Orders.AsNoTracking().Include(o => o.Lines)
                .SingleOrDefaultAsync(o => o.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("Order", query.Id);
            return new Command
            {
                Id = order.Id,
                AccountId = order.AccountId,
                ExternalId = order.ExternalId,
                Version = order.Version,
                OrderDate = order.OrderDate,
                Type = order.Type,
                Lines = order.Lines.OrderBy(l => l.LineNo).Select(l => new OrderLineInput
                {
                    ProductId = l.ProductId, Quantity = l.Quantity, ListAmount = l.ListAmount, NetAmount = l.NetAmount,
                }).ToList(),
            };
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, TimeProvider clock)
        {
            RuleFor(c => c.Id).MustExistIn(db.Orders, "Order");
            RuleFor(c => c.Version).NotEmpty();
            Include(new OrderFieldsValidator<Command>(db, clock));
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Order", command.Id);
            db.Entry(order).Property(o => o.Version).OriginalValue = command.Version;
            command.ApplyTo(order, db);

            // The lines are rows of their own; touch the order so its version guards them too.
            db.Entry(order).State = EntityState.Modified;
            return order.Id;
        }
    }
}

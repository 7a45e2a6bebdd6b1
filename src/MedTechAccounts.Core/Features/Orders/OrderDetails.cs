using AutoMapper;
using AutoMapper.QueryableExtensions;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Orders;

/// <summary>One order with its lines and the discount of each line and of the whole order.</summary>
public static class OrderDetails
{
    public sealed record Query(Guid Id) : IQuery<Result>;

    public sealed record Result
    {
        public Guid Id { get; init; }
        public string ExternalId { get; init; } = "";
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public DateOnly OrderDate { get; init; }
        public OrderType Type { get; init; }
        public Guid Version { get; init; }
        public IReadOnlyList<Line> Lines { get; init; } = [];
        public decimal ListAmount => Lines.Sum(l => l.ListAmount);
        public decimal NetAmount => Lines.Sum(l => l.NetAmount);
        public decimal Discount => ListAmount - NetAmount;
        public decimal DiscountPercent => OrderMath.DiscountPercent(ListAmount, NetAmount);
    }

    public sealed record Line
    {
        public int LineNo { get; init; }
        public Guid ProductId { get; init; }
        public string ProductSku { get; init; } = "";
        public string ProductName { get; init; } = "";
        public string ProductFamily { get; init; } = "";
        public int Quantity { get; init; }
        public decimal ListAmount { get; init; }
        public decimal NetAmount { get; init; }
        public decimal Discount => ListAmount - NetAmount;
        public decimal DiscountPercent => OrderMath.DiscountPercent(ListAmount, NetAmount);
    }

    public sealed class Projection : Profile
    {
        public Projection()
        {
            CreateProjection<Order, Result>()
                .ForMember(r => r.AccountName, o => o.MapFrom(x => x.Account!.Name))
                .ForMember(r => r.Lines, o => o.MapFrom(x => x.Lines.OrderBy(l => l.LineNo)));
            CreateProjection<OrderLine, Line>();
        }
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Orders.AsNoTracking().Where(o => o.Id == query.Id).ProjectTo<Result>(mapping).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Order", query.Id);
    }
}

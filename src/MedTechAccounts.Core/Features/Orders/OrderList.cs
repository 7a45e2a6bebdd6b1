using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Orders;

/// <summary>Orders of the accounts the caller may see: account, type and date-range filters, newest first, paged, with totals over every match.</summary>
public static class OrderList
{
    public sealed record Query : IQuery<Result>
    {
        public Guid? AccountId { get; init; }
        public OrderType? Type { get; init; }

        /// <summary>First order date included.</summary>
        public DateOnly? From { get; init; }

        /// <summary>Last order date included.</summary>
        public DateOnly? To { get; init; }
        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = Paging.DefaultPageSize;
    }

    public sealed record Row
    {
        public Guid Id { get; init; }
        public string ExternalId { get; init; } = "";
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public DateOnly OrderDate { get; init; }
        public OrderType Type { get; init; }
        public int LineCount { get; init; }
        public decimal ListAmount { get; init; }
        public decimal NetAmount { get; init; }
        public decimal Discount => ListAmount - NetAmount;
        public decimal DiscountPercent => OrderMath.DiscountPercent(ListAmount, NetAmount);
        public Guid Version { get; init; }
    }

    /// <summary>Sums over every order that matches the filters, not only the page shown.</summary>
    public sealed record Totals(int OrderCount, decimal ListAmount, decimal NetAmount)
    {
        public decimal Discount => ListAmount - NetAmount;
        public decimal DiscountPercent => OrderMath.DiscountPercent(ListAmount, NetAmount);
    }

    /// <summary>One page of orders (same shape as every other list: items, page, pageSize, totalCount) and the totals.</summary>
    public sealed record Result(IReadOnlyList<Row> Items, int Page, int PageSize, int TotalCount, Totals Totals)
    {
        public int PageCount => Math.Max(1, (int)Math.Ceiling(TotalCount / (double)PageSize));
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.Type).IsInEnum();
            RuleFor(q => q.To).Must((q, to) => to is null || q.From is null || to >= q.From).WithMessage("'To' cannot be before 'From'.");
        }
    }

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var orders = db.Orders.AsNoTracking().OfVisibleAccounts(db);
            if (query.AccountId is { } accountId)
            {
                orders = orders.Where(o => o.AccountId == accountId);
            }

            if (query.Type is { } type)
            {
                orders = orders.Where(o => o.Type == type);
            }

            if (query.From is { } from)
            {
                orders = orders.Where(o => o.OrderDate >= from);
            }

            if (query.To is { } to)
            {
                orders = orders.Where(o => o.OrderDate <= to);
            }

            var total = await orders.CountAsync(cancellationToken);
            // From the filtered orders to their lines (index on OrderId), never a scan of every line.
            var lines = orders.SelectMany(o => o.Lines);
            var sums = await lines.GroupBy(_ => 1)
                .Select(g => new { List = g.Sum(l => l.ListAmount), Net = g.Sum(l => l.NetAmount) })
                .SingleOrDefaultAsync(cancellationToken);
            var items = await orders.OrderByDescending(o => o.OrderDate).ThenBy(o => o.ExternalId)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .Select(o => new Row
                {
                    Id = o.Id,
                    ExternalId = o.ExternalId,
                    AccountId = o.AccountId,
                    AccountName = o.Account!.Name,
                    OrderDate = o.OrderDate,
                    Type = o.Type,
                    LineCount = o.Lines.Count,
                    ListAmount = o.Lines.Sum(l => l.ListAmount),
                    NetAmount = o.Lines.Sum(l => l.NetAmount),
                    Version = o.Version,
                })
                .ToListAsync(cancellationToken);
            return new Result(items, query.Page, query.PageSize, total, new Totals(total, sums?.List ?? 0, sums?.Net ?? 0));
        }
    }
}

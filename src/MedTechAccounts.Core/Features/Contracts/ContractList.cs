using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Contracts;

/// <summary>Service contracts of the accounts the caller may see: account filter, "expiring within N days", current only; paged.</summary>
public static class ContractList
{
    public sealed record Query : IQuery<PagedResult<Row>>
    {
        public Guid? AccountId { get; init; }

        /// <summary>Only contracts that end between today and today + N days and are not renewed yet.</summary>
        public int? ExpiringWithinDays { get; init; }

        /// <summary>Only contracts running today (started, not ended).</summary>
        public bool CurrentOnly { get; init; }
        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = Paging.DefaultPageSize;
    }

    public sealed record Row
    {
        public Guid Id { get; init; }
        public string ExternalId { get; init; } = "";
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public DateOnly Start { get; init; }
        public DateOnly End { get; init; }
        public decimal AnnualValue { get; init; }
        public Guid? RenewedFromId { get; init; }
        public Guid? RenewedById { get; init; }
        public int DeviceCount { get; init; }
        public RenewalStatus Status { get; init; }
        public Guid Version { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.ExpiringWithinDays).InclusiveBetween(0, 3660);
        }
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, PagedResult<Row>>
    {
        public async ValueTask<PagedResult<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var contracts = db.ServiceContracts.AsNoTracking().OfVisibleAccounts(db);
            if (query.AccountId is { } accountId)
            {
                contracts = contracts.Where(c => c.AccountId == accountId);
            }

            if (query.ExpiringWithinDays is { } days)
            {
                var until = today.AddDays(days);
                contracts = contracts.Where(c => c.End >= today && c.End <= until
                    && !db.ServiceContracts.Any(n => n.RenewedFromId == c.Id));
            }

            if (query.CurrentOnly)
            {
                contracts = contracts.Where(c => c.Start <= today && c.End >= today);
            }

            var total = await contracts.CountAsync(cancellationToken);
            var rows = await contracts.OrderBy(c => c.End).ThenBy(c => c.ExternalId)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .Select(c => new Row
                {
                    Id = c.Id,
                    ExternalId = c.ExternalId,
                    AccountId = c.AccountId,
                    AccountName = c.Account!.Name,
                    Start = c.Start,
                    End = c.End,
                    AnnualValue = c.AnnualValue,
                    RenewedFromId = c.RenewedFromId,
                    RenewedById = db.ServiceContracts.Where(n => n.RenewedFromId == c.Id).OrderByDescending(n => n.Start).Select(n => (Guid?)n.Id).FirstOrDefault(),
                    DeviceCount = c.CoveredDevices.Count,
                    Version = c.Version,
                })
                .ToListAsync(cancellationToken);
            var items = rows.Select(r => r with { Status = RenewalChain.StatusOf(r.Start, r.End, r.RenewedById is not null, today) }).ToList();
            return new PagedResult<Row>(items, query.Page, query.PageSize, total);
        }
    }
}

using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Contracts;

/// <summary>One contract with its covered devices and its whole renewal chain, oldest first.</summary>
public static class ContractDetails
{
    public sealed record Query(Guid Id) : IQuery<Result>;

    public sealed record Result
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
        public RenewalStatus Status { get; init; }
        public Guid Version { get; init; }
        public IReadOnlyList<Device> CoveredDevices { get; init; } = [];

        /// <summary>Every contract of the chain this one belongs to, oldest first (this one included).</summary>
        public IReadOnlyList<ChainLink> Chain { get; init; } = [];
    }

    public sealed record Device(Guid Id, string SerialNumber, string ProductName, string? Department, DeviceStatus Status);

    public sealed record ChainLink(Guid Id, string ExternalId, DateOnly Start, DateOnly End, decimal AnnualValue, RenewalStatus Status, bool IsThis);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var head = await db.ServiceContracts.AsNoTracking().Where(c => c.Id == query.Id)
                .Select(c => new { c.AccountId, AccountName = c.Account!.Name })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Contract", query.Id);

            // A chain stays within one account, and an account has few contracts: load them and walk in memory.
            var contracts = await db.ServiceContracts.AsNoTracking().Where(c => c.AccountId == head.AccountId).ToListAsync(cancellationToken);
            var devices = await db.ServiceContractDevices.AsNoTracking().Where(d => d.ServiceContractId == query.Id)
                .OrderBy(d => d.Device!.SerialNumber)
                .Select(d => new Device(d.DeviceId, d.Device!.SerialNumber, d.Device.Product!.Name, d.Device.Department, d.Device.Status))
                .ToListAsync(cancellationToken);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var renewedBy = contracts.Where(c => c.RenewedFromId is not null).GroupBy(c => c.RenewedFromId!.Value)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.Start).First().Id);
            RenewalStatus StatusOf(ServiceContract c) => RenewalChain.StatusOf(c.Start, c.End, renewedBy.ContainsKey(c.Id), today);

            var contract = contracts.Single(c => c.Id == query.Id);
            return new Result
            {
                Id = contract.Id,
                ExternalId = contract.ExternalId,
                AccountId = contract.AccountId,
                AccountName = head.AccountName,
                Start = contract.Start,
                End = contract.End,
                AnnualValue = contract.AnnualValue,
                RenewedFromId = contract.RenewedFromId,
                RenewedById = renewedBy.TryGetValue(contract.Id, out var next) ? next : null,
                Status = StatusOf(contract),
                Version = contract.Version,
                CoveredDevices = devices,
                Chain = RenewalChain.Chain(contracts, contract.Id)
                    .Select(c => new ChainLink(c.Id, c.ExternalId, c.Start, c.End, c.AnnualValue, StatusOf(c), c.Id == contract.Id)).ToList(),
            };
        }
    }
}

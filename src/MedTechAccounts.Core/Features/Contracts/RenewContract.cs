using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Contracts;

/// <summary>
/// Renews a contract: creates the next one in its chain (renewed-from set). By default it starts the day after the
/// previous one ends, runs as long, keeps its annual value and covers its devices that are still active.
/// </summary>
public static class RenewContract
{
    /// <summary>The renewal form for contract <paramref name="Id"/>, filled with the defaults.</summary>
    public sealed record Query(Guid Id) : IQuery<Command>;

    public sealed record Command : ICommand<Guid>
    {
        /// <summary>The contract being renewed.</summary>
        public Guid Id { get; init; }

        /// <summary>Optional client-generated id of the new contract.</summary>
        public Guid? NewId { get; init; }

        /// <summary>Contract number of the new contract; one is made when empty.</summary>
        public string? ExternalId { get; init; }

        /// <summary>Default: the day after the previous contract ends.</summary>
        public DateOnly? Start { get; init; }

        /// <summary>Default: as long a term as the previous contract.</summary>
        public DateOnly? End { get; init; }

        /// <summary>Default: the previous annual value.</summary>
        public decimal? AnnualValue { get; init; }

        /// <summary>Default (null): the previous contract's devices that are still active.</summary>
        public IReadOnlyList<Guid>? DeviceIds { get; init; }
    }

    /// <summary>The new contract's fields once the defaults are filled in.</summary>
    public sealed record Fields(Guid AccountId, DateOnly Start, DateOnly End, decimal AnnualValue, Guid? RenewedFromId, IReadOnlyList<Guid> DeviceIds)
        : IContractFields;

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            var next = await NextAsync(db, new Command { Id = query.Id }, cancellationToken) ?? throw new NotFoundException("Contract", query.Id);
            return new Command { Id = query.Id, Start = next.Start, End = next.End, AnnualValue = next.AnnualValue, DeviceIds = next.DeviceIds };
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, TimeProvider clock)
        {
            RuleFor(c => c.Id).MustExistIn(db.ServiceContracts, "Contract")
                .MustAsync(async (id, ct) => !await db.ServiceContracts.IgnoreQueryFilters().AnyAsync(c => c.RenewedFromId == id, ct))
                .WithMessage("This contract has already been renewed.");
            RuleFor(c => c.ExternalId).MaximumLength(64)
                .MustAsync(async (id, ct) => string.IsNullOrWhiteSpace(id) || await db.ServiceContracts.IsFreeAsync(c => c.ExternalId == id.Trim(), ct))
                .WithMessage("A contract with this contract number already exists.");
            RuleFor(c => c.NewId)
                .MustAsync(async (id, ct) => id is null || await db.ServiceContracts.IsFreeAsync(c => c.Id == id, ct))
                .WithMessage("A contract with this id already exists.");
            RuleFor(c => c).CustomAsync(async (command, context, ct) =>
            {
                if (await NextAsync(db, command, ct) is not { } next)
                {
                    return;
                }

                var result = await new ContractFieldsValidator<Fields>(db, clock, _ => null).ValidateAsync(next, ct);
                foreach (var failure in result.Errors)
                {
                    context.AddFailure(failure);
                }
            });
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var next = await NextAsync(db, command, cancellationToken) ?? throw new NotFoundException("Contract", command.Id);
            var id = command.NewId is { } given && given != Guid.Empty ? given : Guid.NewGuid();
            var contract = new ServiceContract
            {
                Id = id,
                AccountId = next.AccountId,
                ExternalId = string.IsNullOrWhiteSpace(command.ExternalId) ? $"SC-{id:N}"[..15].ToUpperInvariant() : command.ExternalId.Trim(),
            };
            next.ApplyTo(contract);
            db.ServiceContracts.Add(contract);
            return contract.Id;
        }
    }

    /// <summary>The renewal's fields: what the command gives, the defaults from the previous contract otherwise; null when it is not visible.</summary>
    public static async Task<Fields?> NextAsync(AppDbContext db, Command command, CancellationToken ct)
    {
        var previous = await db.ServiceContracts.AsNoTracking().Where(c => c.Id == command.Id)
            .Select(c => new
            {
                c.AccountId, c.Start, c.End, c.AnnualValue,
                Devices = c.CoveredDevices.Where(d => d.Device!.Status == DeviceStatus.Active).Select(d => d.DeviceId).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (previous is null)
        {
            return null;
        }

        var start = command.Start ?? (previous.End < DateOnly.MaxValue ? previous.End.AddDays(1) : previous.End);
        return new Fields(previous.AccountId, start, command.End ?? DefaultEnd(previous.Start, previous.End, start),
            command.AnnualValue ?? previous.AnnualValue, command.Id, command.DeviceIds ?? previous.Devices);
    }

    /// <summary>The end of a renewal starting <paramref name="start"/> that runs as long as the previous term (whole months when it was whole months).</summary>
    /// <remarks>A start so late that the term would pass the calendar's end gives the calendar's end, which the start rule refuses.</remarks>
    public static DateOnly DefaultEnd(DateOnly previousStart, DateOnly previousEnd, DateOnly start)
    {
        var days = previousEnd.DayNumber - previousStart.DayNumber;
        if (previousEnd == DateOnly.MaxValue || start.DayNumber > DateOnly.MaxValue.DayNumber - days - 31)
        {
            return DateOnly.MaxValue;
        }

        var after = previousEnd.AddDays(1);
        var months = ((after.Year - previousStart.Year) * 12) + after.Month - previousStart.Month;
        return months > 0 && previousStart.AddMonths(months) == after
            ? start.AddMonths(months).AddDays(-1)
            : start.AddDays(days);
    }
}

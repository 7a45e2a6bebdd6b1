using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Contracts;

/// <summary>The fields a contract form edits, shared by <see cref="CreateContract"/> and <see cref="EditContract"/>.</summary>
public interface IContractFields
{
    Guid AccountId { get; }
    DateOnly Start { get; }
    DateOnly End { get; }
    decimal AnnualValue { get; }

    /// <summary>The contract this one renews (same account); empty for a first contract.</summary>
    Guid? RenewedFromId { get; }

    /// <summary>Devices of the account the contract covers.</summary>
    IReadOnlyList<Guid> DeviceIds { get; }
}

/// <summary>Where a contract stands: renewed by a later one, expired, expiring within the renewal window, or active.</summary>
public enum RenewalStatus
{
    [Display(Name = "Active")] Active,
    [Display(Name = "Expiring")] Expiring,
    [Display(Name = "Expired")] Expired,
    [Display(Name = "Renewed")] Renewed,
    [Display(Name = "Upcoming")] Upcoming,
}

/// <summary>
/// Contract rules: start from 1990 and at most two years ahead, end after start and within ten years of it,
/// annual value zero or more, covered devices of the same account, and a renewed-from contract of the same
/// account that does not close a cycle in the renewal chain.
/// </summary>
public sealed class ContractFieldsValidator<T> : AbstractValidator<T> where T : IContractFields
{
    public static readonly DateOnly EarliestStart = new(1990, 1, 1);
    public const int MaxYearsAhead = 2;
    public const int MaxTermYears = 10;

    /// <param name="db">The scoped context.</param>
    /// <param name="clock">Gives "today" (UTC) for the not-too-far-ahead rule.</param>
    /// <param name="self">The id of the contract being edited (null when creating).</param>
    public ContractFieldsValidator(AppDbContext db, TimeProvider clock, Func<T, Guid?> self)
    {
        RuleFor(c => c.Start).NotEmpty()
            .GreaterThanOrEqualTo(EarliestStart).WithMessage("Start must be in 1990 or later.")
            .Must(start => start <= Today(clock).AddYears(MaxYearsAhead)).WithMessage($"Start cannot be more than {MaxYearsAhead} years ahead.");
        RuleFor(c => c.End).NotEmpty()
            .Must((c, end) => end > c.Start).WithMessage("End must be after the start.")
            .Must((c, end) => end <= LatestEnd(c.Start)).WithMessage($"A contract runs at most {MaxTermYears} years.");
        RuleFor(c => c.AnnualValue).GreaterThanOrEqualTo(0).WithMessage("Annual value cannot be negative.").LessThan(1_000_000_000_000m);
        RuleFor(c => c.DeviceIds).NotNull()
            .Must(ids => ids.Count <= 1000).WithMessage("A contract covers at most 1000 devices.")
            .MustAsync(async (c, ids, ct) =>
            {
                var distinct = ids.Distinct().ToList();
                return await db.Devices.CountAsync(d => distinct.Contains(d.Id) && d.AccountId == c.AccountId, ct) == distinct.Count;
            })
            .When(c => c.DeviceIds is { Count: > 0 })
            .WithMessage("Covered devices must be devices of this account.");
        RuleFor(c => c.RenewedFromId)
            .Must((c, from) => from != self(c)).WithMessage("A contract cannot renew itself.")
            .MustAsync(async (c, from, ct) => await db.ServiceContracts.AnyAsync(x => x.Id == from && x.AccountId == c.AccountId, ct))
            .WithMessage("The renewed contract must be a contract of the same account.")
            .MustAsync(async (c, from, ct) => self(c) is not { } id || !await RenewalChain.ReachesAsync(db, from!.Value, id, ct))
            .WithMessage("This would make the renewal chain a cycle.")
            .When(c => c.RenewedFromId is not null && c.RenewedFromId != Guid.Empty);
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The last end date a contract starting <paramref name="start"/> may have; the calendar's end for a start near it (which the start rule refuses).</summary>
    private static DateOnly LatestEnd(DateOnly start) =>
        start.Year > DateOnly.MaxValue.Year - MaxTermYears ? DateOnly.MaxValue : start.AddYears(MaxTermYears);
}

/// <summary>Walking the renewal chain through <see cref="ServiceContract.RenewedFromId"/>.</summary>
public static class RenewalChain
{
    /// <summary>How many days before its end a contract counts as expiring.</summary>
    public const int RenewalWindowDays = 90;

    /// <summary>True when following renewed-from links from <paramref name="start"/> (itself included) reaches <paramref name="target"/>.</summary>
    public static async Task<bool> ReachesAsync(AppDbContext db, Guid start, Guid target, CancellationToken ct)
    {
        var seen = new HashSet<Guid>();
        Guid? current = start;
        while (current is { } id && seen.Add(id))
        {
            if (id == target)
            {
                return true;
            }

            current = await db.ServiceContracts.IgnoreQueryFilters().Where(c => c.Id == id).Select(c => c.RenewedFromId).SingleOrDefaultAsync(ct);
        }

        return false;
    }

    /// <summary>The status of a contract on <paramref name="today"/>.</summary>
    public static RenewalStatus StatusOf(DateOnly start, DateOnly end, bool renewed, DateOnly today) =>
        renewed ? RenewalStatus.Renewed
        : end < today ? RenewalStatus.Expired
        : start > today ? RenewalStatus.Upcoming
        : end <= today.AddDays(RenewalWindowDays) ? RenewalStatus.Expiring
        : RenewalStatus.Active;

    /// <summary>
    /// Orders the contracts linked to <paramref name="id"/> (the ones it renews and the ones renewing it) oldest first.
    /// Where a contract was renewed twice, the later-starting renewal continues the chain.
    /// </summary>
    public static IReadOnlyList<ServiceContract> Chain(IReadOnlyCollection<ServiceContract> accountContracts, Guid id)
    {
        var byId = accountContracts.ToDictionary(c => c.Id);
        if (!byId.TryGetValue(id, out var current))
        {
            return [];
        }

        var chain = new List<ServiceContract> { current };
        var seen = new HashSet<Guid> { current.Id };
        var back = current;
        while (back.RenewedFromId is { } from && byId.TryGetValue(from, out var previous) && seen.Add(previous.Id))
        {
            chain.Insert(0, previous);
            back = previous;
        }

        var forward = current;
        while (accountContracts.Where(c => c.RenewedFromId == forward.Id && !seen.Contains(c.Id)).OrderByDescending(c => c.Start).FirstOrDefault() is { } next)
        {
            seen.Add(next.Id);
            chain.Add(next);
            forward = next;
        }

        return chain;
    }
}

internal static class ContractFieldsExtensions
{
    public static void ApplyTo(this IContractFields fields, ServiceContract contract)
    {
        contract.Start = fields.Start;
        contract.End = fields.End;
        contract.AnnualValue = fields.AnnualValue;
        contract.RenewedFromId = fields.RenewedFromId is { } from && from != Guid.Empty ? from : null;
        var wanted = fields.DeviceIds.Distinct().ToHashSet();
        contract.CoveredDevices.RemoveAll(d => !wanted.Contains(d.DeviceId));
        foreach (var deviceId in wanted.Where(w => contract.CoveredDevices.All(d => d.DeviceId != w)))
        {
            contract.CoveredDevices.Add(new ServiceContractDevice { ServiceContractId = contract.Id, DeviceId = deviceId });
        }
    }
}

using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.InstallBase;

/// <summary>
/// Decommissions a device, marks it replaced, lost to a competitor (naming the competitor) or active again.
/// The domain has one <c>Competitor</c> column: for a device of ours lost to a competitor it holds the winner's name.
/// </summary>
public static class ChangeDeviceStatus
{
    public sealed record Command : ICommand<Result>
    {
        public Guid Id { get; init; }
        public DeviceStatus Status { get; init; }

        /// <summary>Required when <see cref="Status"/> is <see cref="DeviceStatus.LostToCompetitor"/>: who won the device.</summary>
        public string? Competitor { get; init; }

        /// <summary>The version the user saw; a change against a newer version is refused.</summary>
        public Guid Version { get; init; }
    }

    public sealed record Result(Guid Id, Guid AccountId, string SerialNumber, DeviceStatus Status);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db)
        {
            RuleFor(c => c.Id).MustExistIn(db.Devices, "Device");
            RuleFor(c => c.Version).NotEmpty();
            RuleFor(c => c.Status).IsInEnum();
            RuleFor(c => c.Competitor).NotEmpty().When(c => c.Status == DeviceStatus.LostToCompetitor)
                .WithMessage("Name the competitor the device was lost to.");
            RuleFor(c => c.Competitor).MaximumLength(100);
            RuleFor(c => c.Status)
                .MustAsync(async (command, _, ct) =>
                    !await db.Devices.AnyAsync(d => d.Id == command.Id && d.Competitor != null && d.Status != DeviceStatus.LostToCompetitor, ct))
                .When(c => c.Status == DeviceStatus.LostToCompetitor)
                .WithMessage("A competitor's device cannot be lost to a competitor; mark it decommissioned or replaced.");
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var device = await db.Devices.SingleOrDefaultAsync(d => d.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Device", command.Id);
            db.Entry(device).Property(d => d.Version).OriginalValue = command.Version;
            if (command.Status == DeviceStatus.LostToCompetitor)
            {
                device.Competitor = command.Competitor!.Trim();
            }
            else if (device.Status == DeviceStatus.LostToCompetitor)
            {
                // The name was the winner of a device of ours; back from "lost" it is ours again.
                device.Competitor = null;
            }

            device.Status = command.Status;
            return new Result(device.Id, device.AccountId, device.SerialNumber, device.Status);
        }
    }
}

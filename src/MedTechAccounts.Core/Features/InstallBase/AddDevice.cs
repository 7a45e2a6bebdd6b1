using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.InstallBase;

/// <summary>Records a device in an account's install base: ours, or a competitor's (with the competitor's name).</summary>
public static class AddDevice
{
    public sealed record Command : ICommand<Guid>, IDeviceFields
    {
        /// <summary>Optional client-generated id; a new one is made when empty.</summary>
        public Guid? Id { get; init; }
        public Guid AccountId { get; init; }
        public Guid ProductId { get; init; }
        public string SerialNumber { get; init; } = "";
        public string? Department { get; init; }
        public DateOnly InstallDate { get; init; }
        public DateOnly? WarrantyEnd { get; init; }
        public DateOnly? ContractEnd { get; init; }
        public string? Competitor { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, TimeProvider clock)
        {
            RuleFor(c => c.AccountId).MustExistIn(db.Accounts, "Account");
            Include(new DeviceFieldsValidator<Command>(db, clock, _ => null));
            RuleFor(c => c.Id)
                .MustAsync(async (id, ct) => id is null || await db.Devices.IsFreeAsync(d => d.Id == id, ct))
                .WithMessage("A device with this id already exists.");
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Guid>
    {
        public ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var device = new InstalledDevice
            {
                Id = command.Id is { } id && id != Guid.Empty ? id : Guid.NewGuid(),
                AccountId = command.AccountId,
                Status = DeviceStatus.Active,
            };
            command.ApplyTo(device);
            db.Devices.Add(device);
            return ValueTask.FromResult(device.Id);
        }
    }
}

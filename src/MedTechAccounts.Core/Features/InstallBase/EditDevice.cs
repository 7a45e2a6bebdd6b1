using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.InstallBase;

/// <summary>Corrects a device's product, serial, department and dates; the account and status do not change here.</summary>
public static class EditDevice
{
    public sealed record Query(Guid Id) : IQuery<Command>;

    public sealed record Command : ICommand<Guid>, IDeviceFields
    {
        public Guid Id { get; init; }

        /// <summary>Shown for navigation; a device does not move between accounts by an edit.</summary>
        public Guid AccountId { get; init; }

        /// <summary>The version the editor saw; a save against a newer version is refused.</summary>
        public Guid Version { get; init; }
        public Guid ProductId { get; init; }
        public string SerialNumber { get; init; } = "";
        public string? Department { get; init; }
        public DateOnly InstallDate { get; init; }
        public DateOnly? WarrantyEnd { get; init; }
        public DateOnly? ContractEnd { get; init; }
        public string? Competitor { get; init; }
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<InstalledDevice, Command>();
    }

    public sealed class QueryHandler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Devices.AsNoTracking().Where(d => d.Id == query.Id).ProjectTo<Command>(mapping).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Device", query.Id);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, TimeProvider clock)
        {
            RuleFor(c => c.Id).MustExistIn(db.Devices, "Device");
            Include(new DeviceFieldsValidator<Command>(db, clock, c => c.Id));
            RuleFor(c => c.Version).NotEmpty();
            RuleFor(c => c.Competitor)
                .MustAsync(async (command, competitor, ct) => !string.IsNullOrWhiteSpace(competitor)
                    || !await db.Devices.AnyAsync(d => d.Id == command.Id && d.Status == DeviceStatus.LostToCompetitor, ct))
                .WithMessage("A device lost to a competitor keeps the competitor's name.");
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var device = await db.Devices.SingleOrDefaultAsync(d => d.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Device", command.Id);
            db.Entry(device).Property(d => d.Version).OriginalValue = command.Version;
            command.ApplyTo(device);
            return device.Id;
        }
    }
}

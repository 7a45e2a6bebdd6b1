using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Territories;

/// <summary>Renames a territory or moves it to another region (administrators).</summary>
public static class EditTerritory
{
    /// <summary>Loads the edit form: the current values and the version the editor starts from.</summary>
    public sealed record Query(Guid Id) : IQuery<Command>;

    public sealed record Command : ICommand<Guid>, ITerritoryFields
    {
        public Guid Id { get; init; }

        /// <summary>The version the editor saw; a save against a newer version is refused.</summary>
        public Guid Version { get; init; }
        public string Name { get; init; } = "";
        public string Region { get; init; } = "";
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<Territory, Command>();
    }

    public sealed class QueryHandler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Territories.AsNoTracking().Where(t => t.Id == query.Id).ProjectTo<Command>(mapping).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Territory", query.Id);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db)
        {
            RuleFor(c => c.Id).MustExistIn(db.Territories, "Territory");
            Include(new TerritoryFieldsValidator<Command>());
            RuleFor(c => c.Version).NotEmpty();
            RuleFor(c => c.Name)
                .MustAsync(async (command, name, ct) =>
                {
                    var key = TerritoryFieldsExtensions.NameKey(name);
                    return !await db.Territories.AnyAsync(t => t.Name.ToUpper() == key && t.Id != command.Id, ct);
                })
                .When(c => !string.IsNullOrWhiteSpace(c.Name))
                .WithMessage("Name is already used by another territory.");
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var territory = await db.Territories.SingleOrDefaultAsync(t => t.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Territory", command.Id);
            db.Entry(territory).Property(t => t.Version).OriginalValue = command.Version;
            command.ApplyTo(territory);
            return territory.Id;
        }
    }
}

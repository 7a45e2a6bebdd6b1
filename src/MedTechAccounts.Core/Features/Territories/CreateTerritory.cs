using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Territories;

/// <summary>Adds a sales territory to a region (administrators).</summary>
public static class CreateTerritory
{
    public sealed record Command : ICommand<Guid>, ITerritoryFields
    {
        public string Name { get; init; } = "";
        public string Region { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db)
        {
            Include(new TerritoryFieldsValidator<Command>());
            RuleFor(c => c.Name)
                .MustAsync(async (name, ct) =>
                {
                    var key = TerritoryFieldsExtensions.NameKey(name);
                    return !await db.Territories.AnyAsync(t => t.Name.ToUpper() == key, ct);
                })
                .When(c => !string.IsNullOrWhiteSpace(c.Name))
                .WithMessage("Name is already used by another territory.");
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Guid>
    {
        public ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var territory = new Territory();
            command.ApplyTo(territory);
            db.Territories.Add(territory);
            return ValueTask.FromResult(territory.Id);
        }
    }
}

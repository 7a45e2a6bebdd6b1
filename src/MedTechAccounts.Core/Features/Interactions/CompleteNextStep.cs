using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions;

/// <summary>Marks the next step of an interaction done. Two people completing it at once: the second is told, nothing is overwritten.</summary>
public static class CompleteNextStep
{
    public sealed record Command : ICommand<Guid>
    {
        public Guid Id { get; init; }

        /// <summary>The version the user saw.</summary>
        public Guid Version { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db)
        {
            RuleFor(c => c.Id).MustExistIn(db.Interactions, "Interaction");
            RuleFor(c => c.Version).NotEmpty();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser currentUser, TimeProvider clock) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var interaction = await db.Interactions.SingleOrDefaultAsync(i => i.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Interaction", command.Id);
            InteractionAccess.EnsureMayChange(interaction, currentUser);
            if (interaction.NextStep is null)
            {
                throw ValidationFailedException.For(nameof(Command.Id), "This interaction has no next step.");
            }

            if (interaction.NextStepDoneAt is not null)
            {
                throw new ConflictException("This next step is already marked done.");
            }

            db.Entry(interaction).Property(i => i.Version).OriginalValue = command.Version;
            interaction.NextStepDoneAt = clock.GetUtcNow().UtcDateTime;
            return interaction.Id;
        }
    }
}

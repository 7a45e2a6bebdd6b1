using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;

namespace MedTechAccounts.Core.Features.Tasks;

/// <summary>Dismisses a next best action with the reason it does not apply; dismissed tasks are counted, not measured.</summary>
public static class DismissTask
{
    public sealed record Command : ICommand<CloseTaskResult>, ICloseTask
    {
        public Guid Id { get; init; }

        /// <summary>The version the user saw; a task changed since answers 409.</summary>
        public Guid Version { get; init; }

        /// <summary>Why the task does not apply. No patient information.</summary>
        public string OutcomeNote { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db) => Include(new CloseTaskValidator<Command>(db, "Say why the task is dismissed."));
    }

    public sealed class Handler(AppDbContext db, ICurrentUser currentUser, TimeProvider clock) : ICommandHandler<Command, CloseTaskResult>
    {
        public ValueTask<CloseTaskResult> Handle(Command command, CancellationToken cancellationToken) =>
            CloseTask.CloseAsync(db, currentUser, clock, command, EngagementTaskStatus.Dismissed, cancellationToken);
    }
}

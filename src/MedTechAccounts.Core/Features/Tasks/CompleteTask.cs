using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Tasks;

/// <summary>
/// Marks a next best action done with a note of its outcome. Its signals are recorded again 90
/// days later by the recompute worker, which is how the playbook's effect is measured.
/// </summary>
public static class CompleteTask
{
    public sealed record Command : ICommand<CloseTaskResult>, ICloseTask
    {
        public Guid Id { get; init; }

        /// <summary>The version the user saw; a task changed since answers 409.</summary>
        public Guid Version { get; init; }

        /// <summary>What was done and what came of it. No patient information.</summary>
        public string OutcomeNote { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db) => Include(new CloseTaskValidator<Command>(db, "Say what was done and what came of it."));
    }

    public sealed class Handler(AppDbContext db, ICurrentUser currentUser, TimeProvider clock) : ICommandHandler<Command, CloseTaskResult>
    {
        public ValueTask<CloseTaskResult> Handle(Command command, CancellationToken cancellationToken) =>
            CloseTask.CloseAsync(db, currentUser, clock, command, EngagementTaskStatus.Done, cancellationToken);
    }
}

/// <summary>What completing or dismissing a task answers: the task, its account and its new status.</summary>
public sealed record CloseTaskResult(Guid Id, Guid AccountId, EngagementTaskStatus Status);

public interface ICloseTask
{
    Guid Id { get; }
    Guid Version { get; }
    string OutcomeNote { get; }
}

public sealed class CloseTaskValidator<T> : AbstractValidator<T>
    where T : ICloseTask
{
    public const int MaxNote = 2000;

    public CloseTaskValidator(AppDbContext db, string missingNote)
    {
        RuleFor(c => c.Id).MustExistIn(db.EngagementTasks, "Task");
        RuleFor(c => c.Version).NotEmpty();
        RuleFor(c => c.OutcomeNote).NotEmpty().WithMessage(missingNote)
            .MaximumLength(MaxNote);
    }
}

internal static class CloseTask
{
    public static async ValueTask<CloseTaskResult> CloseAsync(
        AppDbContext db, ICurrentUser currentUser, TimeProvider clock, ICloseTask command, EngagementTaskStatus status, CancellationToken ct)
    {
        var task = await db.EngagementTasks.SingleOrDefaultAsync(t => t.Id == command.Id, ct)
            ?? throw new NotFoundException("Task", command.Id);
        TaskAccess.EnsureMayClose(task, currentUser);
        if (task.Status != EngagementTaskStatus.Open)
        {
            throw new ConflictException($"This task is already {(task.Status == EngagementTaskStatus.Done ? "done" : "dismissed")}.");
        }

        db.Entry(task).Property(t => t.Version).OriginalValue = command.Version;
        task.Status = status;
        task.OutcomeNote = command.OutcomeNote.Trim();
        task.ClosedAt = clock.GetUtcNow().UtcDateTime;
        return new CloseTaskResult(task.Id, task.AccountId, status);
    }
}

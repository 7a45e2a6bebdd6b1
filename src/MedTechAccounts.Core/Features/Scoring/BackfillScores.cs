using System.Globalization;
using System.Threading.Channels;
using FluentValidation;
using Mediator;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;

namespace MedTechAccounts.Core.Features.Scoring;

/// <summary>
/// An administrator asks for the point-in-time history of the past quarters from the scorecard page. The request is
/// audited with their name; the backfill itself runs in the background (<see cref="ScoreBackfillQueue"/>), since on a
/// large portfolio it takes minutes, and writes its own audit row when done.
/// </summary>
public static class BackfillScores
{
    public sealed record Command : ICommand<Result>
    {
        /// <summary>How many past fiscal quarters (1–<see cref="ScoreBackfill.MaxQuarters"/>); the form offers <see cref="ScoreBackfill.DemoQuarters"/>.</summary>
        public int Quarters { get; init; }
    }

    /// <summary>The days the backfill will compute, oldest first.</summary>
    public sealed record Result(int Quarters, IReadOnlyList<DateOnly> Days);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Quarters).InclusiveBetween(1, ScoreBackfill.MaxQuarters)
                .WithMessage($"Quarters: a whole number of past quarters from 1 to {ScoreBackfill.MaxQuarters}.");
    }

    public sealed class Handler(AppDbContext db, FiscalCalendar calendar, TimeProvider clock, ICurrentUser currentUser) : ICommandHandler<Command, Result>
    {
        public ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!currentUser.IsSystem && !currentUser.IsInRole(Roles.Admin))
            {
                throw new ForbiddenException("Only an administrator backfills the score history.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var days = ScoreBackfill.Days(calendar, DateOnly.FromDateTime(now), command.Quarters);
            db.AuditEntries.Add(new AuditEntry
            {
                UserId = currentUser.UserId,
                UserName = currentUser.Name,
                At = now,
                Entity = nameof(AccountScore),
                EntityId = "*",
                Action = AuditAction.Insert,
                Field = "(backfill requested)",
                NewValue = string.Create(CultureInfo.InvariantCulture, $"{command.Quarters} quarters: {days.Count} days from {days[0]:yyyy-MM-dd} to {days[^1]:yyyy-MM-dd}"),
            });
            return ValueTask.FromResult(new Result(command.Quarters, days));
        }
    }
}

/// <summary>
/// The backfills asked for on this node, run one after the other by the web app's backfill worker (only where
/// <c>Scoring:WorkerEnabled</c>); the scorecard page shows the last one's state.
/// </summary>
public sealed class ScoreBackfillQueue
{
    private readonly Channel<int> _requests = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>What the scorecard page says about the backfills: waiting, running, the last one's result.</summary>
    public string? State { get; private set; }

    public void Enqueue(int quarters)
    {
        _requests.Writer.TryWrite(quarters);
        State = string.Create(CultureInfo.InvariantCulture, $"A backfill of {quarters} quarters is waiting to run.");
    }

    public bool TryDequeue(out int quarters) => _requests.Reader.TryRead(out quarters);

    public ValueTask<int> DequeueAsync(CancellationToken ct) => _requests.Reader.ReadAsync(ct);

    public void Report(string state) => State = state;
}

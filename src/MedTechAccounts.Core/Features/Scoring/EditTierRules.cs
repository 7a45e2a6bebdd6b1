using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Scoring;

/// <summary>
/// The administrators' tier rules beside the scorecard weights: how many very low signals make an
/// account At risk, and where an open critical incident, first responses outside SLA and repeat
/// incidents cap its tier. Saving marks every account stale, so the worker rescores them all.
/// </summary>
public static class EditTierRules
{
    public sealed record Query : IQuery<Command>;

    public sealed record Command : ICommand<Result>
    {
        /// <summary>The version the editor saw; a save against a newer version is refused.</summary>
        public Guid Version { get; init; }

        /// <summary>A sub-score below this is very low (1–100).</summary>
        public int LowSignalBelow { get; init; }

        /// <summary>This many very low signals make the account At risk (1–9; 0 switches the rule off).</summary>
        public int LowSignalCount { get; init; }

        /// <summary>An open critical incident caps the tier: Off, Watch or AtRisk.</summary>
        public TierCap OpenCriticalCap { get; init; }

        /// <summary>First responses within SLA below this percent cap the tier (1–100; 0 switches the rule off).</summary>
        public int FirstResponseSlaBelowPercent { get; init; }

        /// <summary>The SLA rule judges accounts with at least this many first responses (1–1000).</summary>
        public int FirstResponseSlaMinimum { get; init; }

        /// <summary>Where the SLA rule caps the tier: Off, Watch or AtRisk.</summary>
        public TierCap FirstResponseSlaCap { get; init; }

        /// <summary>This many repeat incidents on one device cap the tier (1–1000; 0 switches the rule off).</summary>
        public int RepeatIncidentsFrom { get; init; }

        /// <summary>Where the repeat-incident rule caps the tier: Off, Watch or AtRisk.</summary>
        public TierCap RepeatIncidentsCap { get; init; }
    }

    /// <summary>How many accounts now wait to be rescored with the new rules.</summary>
    public sealed record Result(int AccountsMarkedStale);

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<ScorecardRules, Command>();
    }

    public sealed class QueryHandler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.ScorecardRules.AsNoTracking().Where(r => r.Id == ScorecardRules.SingletonId)
                .ProjectTo<Command>(mapping).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Tier rules", ScorecardRules.SingletonId);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        private const string Caps = "Off, Watch or AtRisk";

        public Validator()
        {
            RuleFor(c => c.Version).NotEmpty();
            RuleFor(c => c.LowSignalBelow).InclusiveBetween(1, 100)
                .WithMessage("Very low signal: a sub-score threshold is a whole number from 1 to 100.");
            RuleFor(c => c.LowSignalCount).InclusiveBetween(0, Enum.GetValues<SignalKind>().Length)
                .WithMessage($"Very low signals for At risk: a count from 1 to {Enum.GetValues<SignalKind>().Length}, or 0 to switch the rule off.");
            RuleFor(c => c.OpenCriticalCap).IsInEnum().WithMessage($"Open critical incident: the tier cap is {Caps}.");
            RuleFor(c => c.FirstResponseSlaBelowPercent).InclusiveBetween(0, 100)
                .WithMessage("First responses within SLA: a whole percent from 1 to 100, or 0 to switch the rule off.");
            RuleFor(c => c.FirstResponseSlaMinimum).InclusiveBetween(1, 1000)
                .WithMessage("First responses judged at least: a count from 1 to 1000.");
            RuleFor(c => c.FirstResponseSlaCap).IsInEnum().WithMessage($"First responses within SLA: the tier cap is {Caps}.");
            RuleFor(c => c.RepeatIncidentsFrom).InclusiveBetween(0, 1000)
                .WithMessage("Repeat incidents: a count from 1 to 1000, or 0 to switch the rule off.");
            RuleFor(c => c.RepeatIncidentsCap).IsInEnum().WithMessage($"Repeat incidents: the tier cap is {Caps}.");
        }
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var rules = await db.ScorecardRules.SingleOrDefaultAsync(r => r.Id == ScorecardRules.SingletonId, cancellationToken)
                ?? throw new NotFoundException("Tier rules", ScorecardRules.SingletonId);
            db.Entry(rules).Property(r => r.Version).OriginalValue = command.Version;
            rules.LowSignalBelow = command.LowSignalBelow;
            rules.LowSignalCount = command.LowSignalCount;
            rules.OpenCriticalCap = command.OpenCriticalCap;
            rules.FirstResponseSlaBelowPercent = command.FirstResponseSlaBelowPercent;
            rules.FirstResponseSlaMinimum = command.FirstResponseSlaMinimum;
            rules.FirstResponseSlaCap = command.FirstResponseSlaCap;
            rules.RepeatIncidentsFrom = command.RepeatIncidentsFrom;
            rules.RepeatIncidentsCap = command.RepeatIncidentsCap;

            // Inside the command's transaction: a refused save (409) leaves no marks behind.
            var marked = await StaleMarks.MarkAllAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return new Result(marked);
        }
    }
}

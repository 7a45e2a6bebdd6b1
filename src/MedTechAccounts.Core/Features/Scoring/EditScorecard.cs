using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MedTechAccounts.Core.Features.Scoring;

/// <summary>
/// The administrators' scorecard: the nine signal weights in percent, each 0–100 and together
/// exactly 100. Saving marks every account stale, so the recompute worker rescores them all with
/// the new weights.
/// </summary>
public static class EditScorecard
{
    public sealed record Query : IQuery<Command>;

    public sealed record Command : ICommand<Result>, IScorecardWeights
    {
        /// <summary>The version the editor saw; a save against a newer version is refused.</summary>
        public Guid Version { get; init; }
        public int EngagementRecency { get; init; }
        public int PostSaleSilence { get; init; }
        public int RepDependency { get; init; }
        public int InfluencerCoverage { get; init; }
        public int ServiceExperience { get; init; }
        public int DiscountDependency { get; init; }
        public int InstallBaseRisk { get; init; }
        public int VoiceOfCustomer { get; init; }
        public int PurchaseVitality { get; init; }
    }

    /// <summary>How many accounts now wait to be rescored with the new weights.</summary>
    public sealed record Result(int AccountsMarkedStale);

    /// <summary>Where the sum error is reported (form and API).</summary>
    public const string SumField = "Weights";

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<ScorecardWeights, Command>();
    }

    public sealed class QueryHandler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.ScorecardWeights.AsNoTracking().Where(w => w.Id == ScorecardWeights.SingletonId)
                .ProjectTo<Command>(mapping).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Scorecard", ScorecardWeights.SingletonId);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Version).NotEmpty();
            foreach (var kind in Enum.GetValues<SignalKind>())
            {
                RuleFor(c => c.Weights()[kind]).InclusiveBetween(0, 100)
                    .OverridePropertyName(kind.ToString())
                    .WithMessage($"{SignalNames.Of(kind)}: a weight is a whole percent from 0 to 100.");
            }

            RuleFor(c => c.Weights().Values.Sum(w => (long)w)).Equal(100)
                .OverridePropertyName(SumField)
                .WithMessage((_, sum) => $"Weights must add up to 100%; they add up to {sum}%.");
        }
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var weights = await db.ScorecardWeights.SingleOrDefaultAsync(w => w.Id == ScorecardWeights.SingletonId, cancellationToken)
                ?? throw new NotFoundException("Scorecard", ScorecardWeights.SingletonId);
            db.Entry(weights).Property(w => w.Version).OriginalValue = command.Version;
            weights.EngagementRecency = command.EngagementRecency;
            weights.PostSaleSilence = command.PostSaleSilence;
            weights.RepDependency = command.RepDependency;
            weights.InfluencerCoverage = command.InfluencerCoverage;
            weights.ServiceExperience = command.ServiceExperience;
            weights.DiscountDependency = command.DiscountDependency;
            weights.InstallBaseRisk = command.InstallBaseRisk;
            weights.VoiceOfCustomer = command.VoiceOfCustomer;
            weights.PurchaseVitality = command.PurchaseVitality;

            // Inside the command's transaction: a refused save (409) leaves no marks behind.
            var marked = await StaleMarks.MarkAllAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return new Result(marked);
        }
    }
}

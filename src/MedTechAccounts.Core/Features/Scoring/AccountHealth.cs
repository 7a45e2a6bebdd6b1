using System.Text.Json;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Scoring;

/// <summary>
/// An account's latest stored score with every number's reason: the health score and tier, each
/// signal's sub-score, value, reason and weight, the CLV with its parts and the fit it came from,
/// and whether the account is waiting to be rescored. Nothing is computed here; the recompute
/// worker writes what this reads.
/// </summary>
public static class AccountHealth
{
    public sealed record Query(Guid AccountId) : IQuery<Result>;

    public sealed record Result
    {
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";

        /// <summary>True while the account waits for the recompute worker (its facts or the weights changed since the score).</summary>
        public bool Stale { get; init; }
        public DateTime? StaleSince { get; init; }

        /// <summary>The latest score; null when the account has not been scored yet.</summary>
        public ScoreRow? Score { get; init; }

        /// <summary>The tier thresholds the scores are read against.</summary>
        public int HealthyFrom { get; init; } = Scorecard.HealthyFrom;
        public int WatchFrom { get; init; } = Scorecard.WatchFrom;
    }

    public sealed record ScoreRow
    {
        public Guid Id { get; init; }
        public DateOnly AsOf { get; init; }
        public DateTime ComputedAt { get; init; }
        public double HealthScore { get; init; }
        public RiskTier RiskTier { get; init; }
        public string TopReason { get; init; } = "";

        /// <summary>What decided the tier: the health score, or the tier rule that made it worse.</summary>
        public string TierReason { get; init; } = "";
        public decimal Clv { get; init; }
        public decimal ClvRepeat { get; init; }
        public decimal ClvContracts { get; init; }
        public decimal ClvReplacement { get; init; }
        public double PAlive { get; init; }
        public double ExpectedOrders { get; init; }

        /// <summary>Stored JSON of the signals; read into <see cref="Signals"/>.</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public string SignalDetails { get; init; } = "{}";
        public IReadOnlyList<SignalRow> Signals { get; init; } = [];
        public FitRow? Fit { get; init; }
    }

    /// <summary>One signal: sub-score 0–100 (100 healthy), the measured value, the reason sentence and its weight in percent.</summary>
    public sealed record SignalRow(SignalKind Kind, string Name, int Score, double? Value, string Reason, int Weight);

    /// <summary>The portfolio fit a CLV came from.</summary>
    public sealed record FitRow
    {
        public Guid Id { get; init; }
        public DateTime FittedAt { get; init; }
        public string RepeatModel { get; init; } = "";
        [System.Text.Json.Serialization.JsonIgnore]
        public string RepeatParameters { get; init; } = "{}";
        public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();
        public double RepeatLogLikelihood { get; init; }
        public bool RepeatConverged { get; init; }
        public DateOnly DataFrom { get; init; }
        public DateOnly DataTo { get; init; }
        public int Accounts { get; init; }
        public double? BacktestMeanAbsoluteError { get; init; }
    }

    public sealed class Projection : Profile
    {
        public Projection()
        {
            CreateProjection<AccountScore, ScoreRow>()
                .ForMember(r => r.Signals, o => o.Ignore())
                .ForMember(r => r.Fit, o => o.MapFrom(s => s.ClvFit));
            CreateProjection<ClvFit, FitRow>()
                .ForMember(r => r.Parameters, o => o.Ignore());
        }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(AppDbContext db) => RuleFor(q => q.AccountId).MustExistIn(db.Accounts, "Account");
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, Result>
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var name = await db.Accounts.AsNoTracking().Where(a => a.Id == query.AccountId).Select(a => a.Name).SingleAsync(cancellationToken);
            var staleSince = await db.StaleAccounts.AsNoTracking().Where(s => s.AccountId == query.AccountId)
                .Select(s => (DateTime?)s.MarkedAt).SingleOrDefaultAsync(cancellationToken);
            var score = await db.AccountScores.AsNoTracking().Where(s => s.AccountId == query.AccountId)
                .OrderByDescending(s => s.AsOf).ThenByDescending(s => s.ComputedAt)
                .ProjectTo<ScoreRow>(mapping).FirstOrDefaultAsync(cancellationToken);
            if (score is not null)
            {
                var weights = (await db.ScorecardWeights.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new ScorecardWeights()).ToScorecard().Weights;
                score = score with
                {
                    Signals = SignalsOf(score.SignalDetails, weights),
                    Fit = score.Fit is null ? null : score.Fit with { Parameters = ParametersOf(score.Fit.RepeatParameters) },
                };
            }

            return new Result { AccountId = query.AccountId, AccountName = name, Stale = staleSince is not null, StaleSince = staleSince, Score = score };
        }

        /// <summary>Every signal in display order; one missing from the stored JSON is named as such rather than left out.</summary>
        internal static IReadOnlyList<SignalRow> SignalsOf(string json, IReadOnlyDictionary<SignalKind, int> weights)
        {
            var details = JsonSerializer.Deserialize<Dictionary<string, SignalDetail>>(json, Json) ?? [];
            return Enum.GetValues<SignalKind>().Select(kind => details.TryGetValue(kind.ToString(), out var d)
                    ? new SignalRow(kind, SignalNames.Of(kind), d.Score, d.Value, d.Reason, weights.GetValueOrDefault(kind))
                    : new SignalRow(kind, SignalNames.Of(kind), 0, null, "Not measured in this score.", weights.GetValueOrDefault(kind)))
                .ToList();
        }

        private static Dictionary<string, double> ParametersOf(string json) =>
            JsonSerializer.Deserialize<Dictionary<string, double>>(json, Json) ?? [];
    }
}

/// <summary>How the product names the nine signals.</summary>
public static class SignalNames
{
    public static string Of(SignalKind kind) => Signal.NameOf(kind);
}

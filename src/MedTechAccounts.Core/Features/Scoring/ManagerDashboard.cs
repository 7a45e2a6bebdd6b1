using AutoMapper;
using FluentValidation;
using Mediator;
using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Behaviors;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Scoring;

/// <summary>
/// The score half of the manager dashboard for the caller's region (or any territory, segment and owning rep in it):
/// accounts by risk tier, the at-risk accounts by value at stake with their reasons, the accounts most dependent on one
/// rep and those with the weakest influencer coverage. Reads the latest stored score of each account; nothing is
/// recomputed. Each count has a drill-down in <see cref="DashboardAccounts"/>.
/// </summary>
public static class ManagerDashboard
{
    /// <summary>How many rows each ranked list shows on the page; the drill-down and its CSV have them all.</summary>
    public const int ListLength = 10;

    /// <summary>A relationship signal's sub-score below this (the At risk band) is a gap.</summary>
    public const int GapBelow = Scorecard.WatchFrom;

    public sealed record Query : IQuery<Result>, ICachedQuery
    {
        public DashboardFilter Filter { get; init; } = new();
    }

    public sealed record Result
    {
        public DashboardFilter Filter { get; init; } = new();

        /// <summary>When the newest of the scores read was computed; null before the first score.</summary>
        public DateTime? ScoresAsOf { get; init; }

        /// <summary>When the oldest of the latest scores was computed (a stale account waits for the worker).</summary>
        public DateTime? OldestScore { get; init; }
        public int Accounts { get; init; }
        public int Unscored { get; init; }
        public IReadOnlyList<TierRow> Tiers { get; init; } = [];
        public int AtRiskCount { get; init; }
        public IReadOnlyList<ScoredAccount> AtRisk { get; init; } = [];
        public int RepDependencyGaps { get; init; }
        public IReadOnlyList<SignalRow> RepDependency { get; init; } = [];
        public int CoverageGaps { get; init; }
        public IReadOnlyList<SignalRow> Coverage { get; init; } = [];
    }

    /// <summary>One tier: how many accounts, their summed CLV and value at stake.</summary>
    public sealed record TierRow(RiskTier Tier, string Name, int Accounts, decimal Clv, decimal ValueAtStake);

    /// <summary>An account ranked by one signal: its sub-score (lower is worse), the stored reason and the CLV at stake.</summary>
    public sealed record SignalRow(Guid AccountId, string AccountName, string TerritoryName, string? OwnerRepName, int SubScore, string Reason, decimal Clv);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Filter.Segment).IsInEnum();
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var accounts = await db.Accounts.AsNoTracking().Matching(query.Filter).CountAsync(ct);
            var scores = await LatestScores.ReadAsync(LatestScores.Of(db, query.Filter), mapping, ct);

            var atRisk = scores.Where(s => s.RiskTier == RiskTier.AtRisk).ToList();
            var dependent = Ranked(scores, s => s.RepDependency);
            var uncovered = Ranked(scores, s => s.InfluencerCoverage);
            var dependencyReasons = await LatestScores.ReasonsAsync(db, [.. dependent.Take(ListLength).Select(s => s.AccountId)], nameof(SignalKind.RepDependency), ct);
            var coverageReasons = await LatestScores.ReasonsAsync(db, [.. uncovered.Take(ListLength).Select(s => s.AccountId)], nameof(SignalKind.InfluencerCoverage), ct);

            return new Result
            {
                Filter = query.Filter,
                ScoresAsOf = scores.Count == 0 ? null : scores.Max(s => s.ComputedAt),
                OldestScore = scores.Count == 0 ? null : scores.Min(s => s.ComputedAt),
                Accounts = accounts,
                Unscored = accounts - scores.Count,
                Tiers = TiersOf(scores),
                AtRiskCount = atRisk.Count,
                AtRisk = [.. ByValueAtStake(atRisk).Take(ListLength)],
                RepDependencyGaps = dependent.Count(s => s.RepDependency < GapBelow),
                RepDependency = [.. dependent.Take(ListLength).Select(s => Row(s, s.RepDependency, dependencyReasons))],
                CoverageGaps = uncovered.Count(s => s.InfluencerCoverage < GapBelow),
                Coverage = [.. uncovered.Take(ListLength).Select(s => Row(s, s.InfluencerCoverage, coverageReasons))],
            };
        }

        private static SignalRow Row(ScoredAccount s, double subScore, Dictionary<Guid, string> reasons) =>
            new(s.AccountId, s.AccountName, s.TerritoryName, s.OwnerRepName, (int)Math.Round(subScore), reasons.GetValueOrDefault(s.AccountId, ""), s.Clv);
    }

    /// <summary>The three tiers, worst first, each with its count and sums (zero rows included).</summary>
    public static IReadOnlyList<TierRow> TiersOf(IReadOnlyCollection<ScoredAccount> scores) =>
        [.. new[] { RiskTier.AtRisk, RiskTier.Watch, RiskTier.Healthy }.Select(t =>
        {
            var inTier = scores.Where(s => s.RiskTier == t).ToList();
            return new TierRow(t, TierName(t), inTier.Count, inTier.Sum(s => s.Clv), inTier.Sum(s => s.ValueAtStake));
        })];

    public static string TierName(RiskTier tier) => Words.Of(tier);

    /// <summary>Most value at stake first; ties by lower health, then name.</summary>
    public static IEnumerable<ScoredAccount> ByValueAtStake(IEnumerable<ScoredAccount> scores) =>
        scores.OrderByDescending(s => s.ValueAtStake).ThenBy(s => s.HealthScore).ThenBy(s => s.AccountName, StringComparer.Ordinal).ThenBy(s => s.AccountId);

    /// <summary>
    /// Accounts whose signal sub-score is below 100, worst first; ties by the larger CLV (more to lose), then name.
    /// </summary>
    public static List<ScoredAccount> Ranked(IEnumerable<ScoredAccount> scores, Func<ScoredAccount, double> signal) =>
        [.. scores.Where(s => signal(s) < 100).OrderBy(signal).ThenByDescending(s => s.Clv).ThenBy(s => s.AccountName, StringComparer.Ordinal).ThenBy(s => s.AccountId)];
}

using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Accounts;

/// <summary>
/// The caller's accounts in the order to work them: accounts with an open critical incident first, then by
/// priority = value at stake × risk, where the value at stake is the CLV of the latest stored score and the
/// risk is (100 − health score) / 100 of that score. Accounts not scored yet come last. Reads the stored
/// scores only; nothing is recomputed. The caller's scope (a rep's territories) bounds the list.
/// </summary>
public static class AccountPriorities
{
    public const int DefaultTake = 25;

    public sealed record Query : IQuery<Result>
    {
        /// <summary>How many rows to return; 0 for all of them (the CSV export).</summary>
        public int Take { get; init; } = DefaultTake;
    }

    public sealed record Result(
        DateOnly? ScoresAsOf,
        DateOnly? OldestScoreAsOf,
        int TotalCount,
        IReadOnlyList<Row> Rows);

    public sealed record Row
    {
        public int Rank { get; init; }
        public Guid AccountId { get; init; }
        public string Name { get; init; } = "";
        public string? City { get; init; }
        public string? State { get; init; }
        public AccountSegment Segment { get; init; }
        public AccountStatus Status { get; init; }
        public int OpenCriticalIncidents { get; init; }
        public int OpenIncidents { get; init; }

        /// <summary>Null when the account has no score yet.</summary>
        public DateOnly? ScoreAsOf { get; init; }
        public double? HealthScore { get; init; }
        public RiskTier? RiskTier { get; init; }
        public decimal? Clv { get; init; }

        /// <summary>(100 − health score) / 100, 0..1; null when not scored.</summary>
        public double? Risk { get; init; }

        /// <summary>CLV × risk, rounded to cents; the sort key after critical incidents.</summary>
        public decimal? Priority { get; init; }
        public string TopReason { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Take).InclusiveBetween(0, 1000);
    }

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var accounts = await db.Accounts.AsNoTracking()
                .Select(a => new { a.Id, a.Name, a.City, a.State, a.Segment, a.Status })
                .ToListAsync(cancellationToken);
            var scores = (await db.AccountScores.AsNoTracking().OfVisibleAccounts(db)
                    .Where(s => s.AsOf == db.AccountScores.Where(t => t.AccountId == s.AccountId).Max(t => (DateOnly?)t.AsOf))
                    .Select(s => new { s.AccountId, s.AsOf, s.ComputedAt, s.HealthScore, s.RiskTier, s.Clv, s.TopReason })
                    .ToListAsync(cancellationToken))
                .GroupBy(s => s.AccountId)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.ComputedAt).First());
            var incidents = (await db.Incidents.AsNoTracking().OfVisibleAccounts(db)
                    .Where(i => i.ResolvedAt == null && i.Status != IncidentStatus.Resolved)
                    .GroupBy(i => new { i.AccountId, Critical = i.Severity == IncidentSeverity.Critical })
                    .Select(g => new { g.Key.AccountId, g.Key.Critical, Count = g.Count() })
                    .ToListAsync(cancellationToken))
                .ToLookup(i => i.AccountId);

            var rows = accounts.Select(a =>
                {
                    var score = scores.GetValueOrDefault(a.Id);
                    var open = incidents[a.Id].ToList();
                    return new Row
                    {
                        AccountId = a.Id,
                        Name = a.Name,
                        City = a.City,
                        State = a.State,
                        Segment = a.Segment,
                        Status = a.Status,
                        OpenCriticalIncidents = open.Where(i => i.Critical).Sum(i => i.Count),
                        OpenIncidents = open.Sum(i => i.Count),
                        ScoreAsOf = score?.AsOf,
                        HealthScore = score?.HealthScore,
                        RiskTier = score?.RiskTier,
                        Clv = score?.Clv,
                        Risk = score is null ? null : Math.Round(ValueAtStakeRule.RiskOf(score.HealthScore), 4),
                        Priority = score is null ? null : ValueAtStakeRule.Of(score.Clv, score.HealthScore),
                        TopReason = score?.TopReason ?? "",
                    };
                })
                .OrderByDescending(r => r.OpenCriticalIncidents > 0)
                .ThenByDescending(r => r.Priority.HasValue)
                .ThenByDescending(r => r.Priority ?? 0)
                .ThenBy(r => r.Name, StringComparer.Ordinal)
                .ThenBy(r => r.AccountId)
                .Select((r, i) => r with { Rank = i + 1 })
                .ToList();

            var asOf = rows.Where(r => r.ScoreAsOf is not null).Select(r => r.ScoreAsOf!.Value).ToList();
            return new Result(
                asOf.Count == 0 ? null : asOf.Max(),
                asOf.Count == 0 ? null : asOf.Min(),
                rows.Count,
                query.Take == 0 ? rows : rows.Take(query.Take).ToList());
        }
    }
}

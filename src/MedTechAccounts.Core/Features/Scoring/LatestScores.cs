using System.Text.Json;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Scoring;

/// <summary>
/// One account's latest stored score as the dashboards read it: tier, health, CLV, the two relationship signals'
/// sub-scores and the top reason. Value at stake is the stored CLV × (1 − health / 100), as the playbooks rank it.
/// </summary>
public sealed record ScoredAccount
{
    public Guid AccountId { get; init; }
    public string AccountName { get; init; } = "";
    public string TerritoryName { get; init; } = "";
    public string? OwnerRepName { get; init; }
    public AccountSegment AccountSegment { get; init; }
    public DateOnly AsOf { get; init; }
    public DateTime ComputedAt { get; init; }
    public double HealthScore { get; init; }
    public RiskTier RiskTier { get; init; }
    public decimal Clv { get; init; }
    public double RepDependency { get; init; }
    public double InfluencerCoverage { get; init; }
    public string TopReason { get; init; } = "";

    public decimal ValueAtStake => ValueAtStakeRule.Of(Clv, HealthScore);
}

/// <summary>Reads the materialised scores for the dashboards: the latest snapshot per account, never a recompute.</summary>
public static class LatestScores
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<AccountScore, ScoredAccount>()
            .ForMember(r => r.TerritoryName, o => o.MapFrom(s => s.Account!.Territory!.Name))
            .ForMember(r => r.OwnerRepName, o => o.MapFrom(s => s.Account!.OwnerRep!.DisplayName))
            .ForMember(r => r.AccountSegment, o => o.MapFrom(s => s.Account!.Segment));
    }

    /// <summary>The latest score of each account that passes <paramref name="filter"/> within the caller's scope.</summary>
    internal static IQueryable<AccountScore> Of(AppDbContext db, DashboardFilter? filter)
    {
        var accounts = db.Accounts.AsNoTracking().Matching(filter).Select(a => a.Id);
        return db.AccountScores.AsNoTracking()
            .Where(s => accounts.Contains(s.AccountId)
                && s.AsOf == db.AccountScores.Where(t => t.AccountId == s.AccountId).Max(t => t.AsOf));
    }

    internal static Task<List<ScoredAccount>> ReadAsync(IQueryable<AccountScore> scores, IConfigurationProvider mapping, CancellationToken ct) =>
        scores.ProjectTo<ScoredAccount>(mapping).ToListAsync(ct);

    /// <summary>The stored reason sentence of one signal per account, for the few accounts a list shows.</summary>
    internal static async Task<Dictionary<Guid, string>> ReasonsAsync(AppDbContext db, IReadOnlyCollection<Guid> accountIds, string signal, CancellationToken ct)
    {
        if (accountIds.Count == 0)
        {
            return [];
        }

        var details = await Of(db, null).Where(s => accountIds.Contains(s.AccountId))
            .Select(s => new { s.AccountId, s.SignalDetails }).ToListAsync(ct);
        return details.ToDictionary(d => d.AccountId, d => ReasonOf(d.SignalDetails, signal));
    }

    internal static string ReasonOf(string json, string signal)
    {
        var details = JsonSerializer.Deserialize<Dictionary<string, SignalDetail>>(json, Json);
        return details is not null && details.TryGetValue(signal, out var d) ? d.Reason : "";
    }
}

using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Common;

/// <summary>
/// The filters of the manager dashboard and its drill-downs: a territory, a segment and the owning rep, each optional.
/// They narrow the caller's scope (the query filters already bound it to their territories), never widen it.
/// </summary>
public sealed record DashboardFilter
{
    public Guid? TerritoryId { get; init; }
    public AccountSegment? Segment { get; init; }

    /// <summary>The account's owning rep.</summary>
    public Guid? RepId { get; init; }
}

public static class DashboardFilterExtensions
{
    /// <summary>The accounts that pass <paramref name="filter"/> (null: all of them).</summary>
    public static IQueryable<Account> Matching(this IQueryable<Account> accounts, DashboardFilter? filter)
    {
        if (filter?.TerritoryId is { } territory)
        {
            accounts = accounts.Where(a => a.TerritoryId == territory);
        }

        if (filter?.Segment is { } segment)
        {
            accounts = accounts.Where(a => a.Segment == segment);
        }

        if (filter?.RepId is { } rep)
        {
            accounts = accounts.Where(a => a.OwnerRepId == rep);
        }

        return accounts;
    }
}

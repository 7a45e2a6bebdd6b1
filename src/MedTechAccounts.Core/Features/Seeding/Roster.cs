using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>
/// The field team of a generated portfolio: one rep per territory (the first eight are the demo reps) and the
/// three demo managers. Each territory's rep owns its accounts; the rep of the next territory in the same region
/// is the partner who shares the relationship, and the region's manager runs business reviews.
/// </summary>
internal sealed class Roster
{
    private readonly IReadOnlyList<TerritorySpec> territories;
    private readonly Dictionary<string, List<int>> territoriesByRegion;

    public Roster(IReadOnlyList<TerritorySpec> territories, int seed)
    {
        this.territories = territories;
        territoriesByRegion = territories.GroupBy(t => t.Region).ToDictionary(g => g.Key, g => g.Select(t => t.Index).ToList());
        var demo = DemoUsers.All.ToDictionary(u => u.Email, StringComparer.OrdinalIgnoreCase);
        var reps = territories
            .Select(t => demo.TryGetValue(DemoUsers.RepEmail(t.Index + 1), out var known) ? known : GeneratedRep(t, seed))
            .ToList();
        var managers = Geography.Regions.Select(region => demo[DemoUsers.ManagerEmail(region)]);
        Users = [.. reps, .. managers];
    }

    /// <summary>Reps and managers the portfolio refers to.</summary>
    public IReadOnlyList<DemoUser> Users { get; }

    public static string Owner(int territory) => DemoUsers.RepEmail(territory + 1);

    public string Partner(int territory)
    {
        var peers = territoriesByRegion[territories[territory].Region];
        return Owner(peers[(peers.IndexOf(territory) + 1) % peers.Count]);
    }

    public string Manager(int territory) => DemoUsers.ManagerEmail(territories[territory].Region);

    private static DemoUser GeneratedRep(TerritorySpec territory, int seed)
    {
        var names = new Bogus.DataSets.Name("en") { Random = new Bogus.Randomizer(SeedRandom.For(seed, SeedStream.Roster, territory.Index).Int(0, int.MaxValue - 1)) };
        return new DemoUser(
            DemoUsers.RepEmail(territory.Index + 1), $"{names.FirstName()} {names.LastName()}", Roles.Rep, null, [territory.Name]);
    }
}

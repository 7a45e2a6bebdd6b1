using System.Globalization;
using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>What is decided about an account before its details are generated.</summary>
internal sealed record AccountSlot(
    int Index, Guid Id, string ExternalId, string Name, TerritorySpec Territory, AccountSegment Segment, int? Beds,
    AccountStatus Status, PlantedPattern? Pattern, Guid? ParentId, string City, StateInfo State);

/// <summary>
/// The skeleton of the portfolio, drawn up front because it spans accounts: territory, segment, status, health
/// system membership (a parent always precedes its children, so batches insert parents first), unique names and
/// the planted groups, dealt in exact proportions so even a small demo has every group.
/// </summary>
internal sealed class PortfolioPlan
{
    private const double DefectShare = 0.09;
    private const double AllBadShare = 0.05;

    private static readonly (AccountSegment, double)[] SegmentWeights =
        [(AccountSegment.Academic, 8), (AccountSegment.Community, 47), (AccountSegment.ASC, 20), (AccountSegment.Clinic, 25)];

    private static readonly (AccountStatus, double)[] StatusWeights =
        [(AccountStatus.Customer, 85), (AccountStatus.Prospect, 10), (AccountStatus.Lost, 5)];

    private static readonly PlantedPattern[] Defects =
    [
        PlantedPattern.RepDependent, PlantedPattern.PostSaleSilence, PlantedPattern.DiscountDependent,
        PlantedPattern.PoorService, PlantedPattern.ThinInfluencerCoverage,
    ];

    private PortfolioPlan(IReadOnlyList<TerritorySpec> territories, IReadOnlyList<AccountSlot> accounts)
    {
        Territories = territories;
        Accounts = accounts;
    }

    public IReadOnlyList<TerritorySpec> Territories { get; }
    public IReadOnlyList<AccountSlot> Accounts { get; }

    public static PortfolioPlan Build(SeedOptions options, IdFactory ids)
    {
        var random = SeedRandom.For(options.Seed, SeedStream.Plan, 0);
        var territories = Geography.Territories(options.Accounts);
        var drafts = Enumerable.Range(0, options.Accounts).Select(i => NewDraft(i, territories[i % territories.Count], random, ids)).ToList();
        AssignHealthSystems(drafts, random);
        var patterns = DealPatterns(drafts, random);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var accounts = drafts.Select(d => new AccountSlot(
            d.Index, d.Id, string.Create(CultureInfo.InvariantCulture, $"ACC-{d.Index + 1:D5}"),
            Names.Unique(Names.Site(random, d.Segment, d.City, d.Brand), taken, d.City),
            d.Territory, d.Segment, d.Beds, d.Status, patterns.TryGetValue(d.Index, out var pattern) ? pattern : null, d.ParentId, d.City, d.State))
            .ToList();
        return new PortfolioPlan(territories, accounts);
    }

    private static Draft NewDraft(int index, TerritorySpec territory, SeedRandom random, IdFactory ids)
    {
        var segment = random.Weighted(SegmentWeights);
        var state = random.Pick(territory.Area.States);
        int? beds = segment switch
        {
            AccountSegment.Academic => random.Int(350, 1100),
            // Most community hospitals are small; a few are large regional centers.
            AccountSegment.Community => 40 + (int)(360 * Math.Pow(random.Double(), 2)),
            _ => null,
        };
        return new Draft(index, ids.Next(random), territory, segment, beds, random.Weighted(StatusWeights), state, random.Pick(state.Cities));
    }

    /// <summary>Some large hospitals head a health system; later accounts of the same territory may join it.</summary>
    private static void AssignHealthSystems(List<Draft> drafts, SeedRandom random)
    {
        var open = new Dictionary<int, (Draft Parent, int Room)>();
        foreach (var draft in drafts)
        {
            var territory = draft.Territory.Index;
            if (draft.Segment == AccountSegment.Academic || draft.Beds >= 200)
            {
                if (random.Chance(0.45))
                {
                    draft.Brand = Names.SystemBrand(random);
                    draft.Status = AccountStatus.Customer;
                    open[territory] = (draft, random.Int(2, 6));
                }
            }
            else if (open.TryGetValue(territory, out var system) && random.Chance(0.25))
            {
                draft.ParentId = system.Parent.Id;
                draft.Brand = system.Parent.Brand;
                if (system.Room == 1)
                {
                    open.Remove(territory);
                }
                else
                {
                    open[territory] = (system.Parent, system.Room - 1);
                }
            }
        }
    }

    private static Dictionary<int, PlantedPattern> DealPatterns(List<Draft> drafts, SeedRandom random)
    {
        var customers = drafts.Where(d => d.Status == AccountStatus.Customer).Select(d => d.Index).ToList();
        var shuffled = random.Sample(customers, customers.Count);
        var perDefect = (int)Math.Round(customers.Count * DefectShare);
        var allBad = (int)Math.Round(customers.Count * AllBadShare);
        var deck = Defects.SelectMany(p => Enumerable.Repeat(p, perDefect))
            .Concat(Enumerable.Repeat(PlantedPattern.AllBad, allBad));
        var patterns = shuffled.ToDictionary(i => i, _ => PlantedPattern.Control);
        foreach (var (index, pattern) in shuffled.Zip(deck))
        {
            patterns[index] = pattern;
        }

        return patterns;
    }

    private sealed class Draft(int index, Guid id, TerritorySpec territory, AccountSegment segment, int? beds, AccountStatus status, StateInfo state, string city)
    {
        public int Index { get; } = index;
        public Guid Id { get; } = id;
        public TerritorySpec Territory { get; } = territory;
        public AccountSegment Segment { get; } = segment;
        public int? Beds { get; } = beds;
        public AccountStatus Status { get; set; } = status;
        public StateInfo State { get; } = state;
        public string City { get; } = city;
        public Guid? ParentId { get; set; }
        public string? Brand { get; set; }
    }
}

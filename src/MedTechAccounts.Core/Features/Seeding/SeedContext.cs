using System.Globalization;
using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>The rep who owns an account, the partner rep who shares it, and the region's manager.</summary>
internal sealed record Team(Guid Owner, Guid Partner, Guid Manager);

/// <summary>
/// State shared by the generators across batches: the dates of the history, reference ids, running numbers
/// for external ids and serials, and the revenue that quarterly targets are set from. Everything in it is
/// small; rows themselves go to a <see cref="PortfolioBatch"/> and are dropped after each write.
/// </summary>
internal sealed class SeedContext
{
    private readonly IReadOnlyDictionary<string, Product> products;
    private readonly IReadOnlyDictionary<string, Guid> territoryIds;
    private readonly IReadOnlyDictionary<string, Guid> userIds;
    private readonly Roster roster;
    private readonly Dictionary<string, int> serials = [];
    private readonly Dictionary<string, TimeZoneInfo> zones = [];
    private readonly Dictionary<Guid, DeviceKind> kindsByProduct;
    private int contacts;
    private int interactions;
    private int incidents;
    private int orders;
    private int contracts;

    public SeedContext(
        SeedOptions options, DateTime now, IdFactory ids, IReadOnlyDictionary<string, Product> products, Roster roster,
        IReadOnlyDictionary<string, Guid> territoryIds, IReadOnlyDictionary<string, Guid> userIds)
    {
        Options = options;
        Now = now;
        this.products = products;
        this.roster = roster;
        this.territoryIds = territoryIds;
        this.userIds = userIds;
        Ids = ids;
        Today = options.Today;
        LastDay = Today.AddDays(-1);
        WindowStart = Today.AddYears(-2);
        Cutoff = Today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        kindsByProduct = Catalog.Kinds.ToDictionary(k => Product(k.Product.Sku).Id);
    }

    public SeedOptions Options { get; }

    /// <summary>When the rows are written: their CreatedAt and UpdatedAt.</summary>
    public DateTime Now { get; }

    public IdFactory Ids { get; }
    public DateOnly Today { get; }

    /// <summary>The last day of the generated history.</summary>
    public DateOnly LastDay { get; }

    /// <summary>Start of the two years of interactions, orders and incidents.</summary>
    public DateOnly WindowStart { get; }

    /// <summary>No generated timestamp is at or after this instant (midnight UTC of <see cref="Today"/>).</summary>
    public DateTime Cutoff { get; }

    public RevenueLedger Revenue { get; } = new();

    public PortfolioBatch Batch { get; private set; } = new();

    /// <summary>Person names; each account reseeds it from its own stream.</summary>
    public Bogus.DataSets.Name PersonNames { get; } = new("en");

    public Product Product(string sku) => products[sku];

    public DeviceKind KindOf(InstalledDevice device) => kindsByProduct[device.ProductId];

    public Guid TerritoryId(TerritorySpec territory) => territoryIds[territory.Name];

    public Team TeamFor(AccountSlot slot) => new(
        userIds[Roster.Owner(slot.Territory.Index)],
        userIds[roster.Partner(slot.Territory.Index)],
        userIds[roster.Manager(slot.Territory.Index)]);

    public TimeZoneInfo Zone(string id)
    {
        if (!zones.TryGetValue(id, out var zone))
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            zones[id] = zone;
        }

        return zone;
    }

    /// <summary>Gives a new row its id, concurrency token and timestamps.</summary>
    public T Stamp<T>(T entity, SeedRandom random, Guid? id = null) where T : Entity
    {
        entity.Id = id ?? Ids.Next(random);
        entity.CreatedAt = Now;
        entity.UpdatedAt = Now;
        if (entity is EditableEntity editable)
        {
            editable.Version = random.Guid();
        }

        return entity;
    }

    public PortfolioBatch TakeBatch()
    {
        var batch = Batch;
        Batch = new PortfolioBatch();
        return batch;
    }

    public string NextContactId() => Format("CON", ++contacts, 6);
    public string NextInteractionId() => Format("INT", ++interactions, 7);
    public string NextIncidentId() => Format("INC", ++incidents, 6);
    public string NextOrderId() => Format("ORD", ++orders, 6);
    public string NextContractId() => Format("SC", ++contracts, 6);

    /// <summary>
    /// A serial number unique for the product: one running number per product, shared by our units and
    /// competitors' units of the same kind; the prefix tells whose unit it is.
    /// </summary>
    public string Serial(DeviceKind kind, string? competitor, DateOnly installed)
    {
        var number = serials[kind.Product.Sku] = serials.GetValueOrDefault(kind.Product.Sku) + 1;
        return competitor is null
            ? string.Create(CultureInfo.InvariantCulture, $"{kind.SerialPrefix}{installed.Year % 100:D2}{number:D6}")
            : string.Create(CultureInfo.InvariantCulture, $"{CompetitorCode(competitor)}{number:D7}");
    }

    private static string CompetitorCode(string competitor) =>
        new string(competitor.Where(char.IsAsciiLetter).Take(3).ToArray()).ToUpperInvariant() + "-";

    private static string Format(string prefix, int number, int digits) =>
        prefix + "-" + number.ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

/// <summary>Rows of one batch of accounts, in the order they are inserted (principals first).</summary>
internal sealed class PortfolioBatch
{
    /// <summary>The entity types of the lists below: the tables the seeder bulk-loads.</summary>
    public static readonly IReadOnlyList<Type> EntityTypes =
    [
        typeof(Account), typeof(Contact), typeof(InstalledDevice), typeof(ServiceContract), typeof(ServiceContractDevice), typeof(Order),
        typeof(OrderLine), typeof(ServiceIncident), typeof(Interaction), typeof(InteractionContact), typeof(InteractionDevice), typeof(SurveyResponse),
    ];

    public List<Account> Accounts { get; } = [];
    public List<Contact> Contacts { get; } = [];
    public List<InstalledDevice> Devices { get; } = [];
    public List<ServiceContract> Contracts { get; } = [];
    public List<ServiceContractDevice> ContractDevices { get; } = [];
    public List<Order> Orders { get; } = [];
    public List<OrderLine> OrderLines { get; } = [];
    public List<ServiceIncident> Incidents { get; } = [];
    public List<Interaction> Interactions { get; } = [];
    public List<InteractionContact> InteractionContacts { get; } = [];
    public List<InteractionDevice> InteractionDevices { get; } = [];
    public List<SurveyResponse> Surveys { get; } = [];
}

/// <summary>Calendar quarters (the default fiscal year starts in January).</summary>
internal static class Quarters
{
    public static int Of(DateOnly date) => ((date.Month - 1) / 3) + 1;

    public static DateOnly End(DateOnly date) => new DateOnly(date.Year, Of(date) * 3, 1).AddMonths(1).AddDays(-1);

    /// <summary>A day in the last 14 days of the latest quarter ending no later than <paramref name="latest"/>.</summary>
    public static DateOnly ClosingDayAtOrBefore(DateOnly latest, SeedRandom random)
    {
        var end = End(latest);
        if (end > latest)
        {
            end = End(end.AddMonths(-3));
        }

        return end.AddDays(-random.Int(0, 13));
    }
}

/// <summary>Net revenue by quarter for the company, each region and each product family.</summary>
internal sealed class RevenueLedger
{
    private readonly Dictionary<(int Year, int Quarter, TargetScope Scope, string Key), decimal> sums = [];

    public void Add(DateOnly date, string region, string family, decimal net)
    {
        var (year, quarter) = (date.Year, Quarters.Of(date));
        Add((year, quarter, TargetScope.Company, ""), net);
        Add((year, quarter, TargetScope.Region, region), net);
        Add((year, quarter, TargetScope.ProductFamily, family), net);
    }

    public decimal Get(int year, int quarter, TargetScope scope, string key) => sums.GetValueOrDefault((year, quarter, scope, key));

    private void Add((int, int, TargetScope, string) key, decimal net) => sums[key] = sums.GetValueOrDefault(key) + net;
}

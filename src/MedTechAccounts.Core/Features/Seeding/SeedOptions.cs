namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>What to generate: profile <c>demo</c> (a small, lively portfolio) or <c>large</c> (the benchmark data set).</summary>
/// <param name="Profile"><c>demo</c> or <c>large</c>, matched case-insensitively.</param>
/// <param name="Accounts">Number of accounts; territories and reps scale with it (one territory per 100 accounts, at least 8).</param>
/// <param name="Seed">Same seed and same <paramref name="Today"/> give the same rows.</param>
/// <param name="Today">The generated history ends the day before this date.</param>
public sealed record SeedOptions(string Profile, int Accounts, int Seed, DateOnly Today)
{
    public const string DemoProfile = "demo";
    public const string LargeProfile = "large";
    public const int DefaultSeed = 42;

    public static SeedOptions Demo(DateOnly today) => new(DemoProfile, 200, DefaultSeed, today);

    public static SeedOptions Large(DateOnly today, int accounts = 10_000, int seed = DefaultSeed) =>
        new(LargeProfile, accounts, seed, today);

    public bool IsLarge => string.Equals(Profile, LargeProfile, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Mean days between touches is multiplied by this. The large profile carries the interaction volume of
    /// DESIGN section 6 (about 200 per account over two years); the demo is lighter so it seeds in seconds.
    /// </summary>
    internal double InteractionGapScale => IsLarge ? 1.0 : 3.5;

    internal void Validate()
    {
        if (!IsLarge && !string.Equals(Profile, DemoProfile, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Profile '{Profile}' is not one of {DemoProfile}, {LargeProfile}.", nameof(Profile));
        }

        if (Accounts is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Accounts), Accounts, "Accounts must be between 1 and 1,000,000.");
        }
    }
}

/// <summary>Progress of one seeding stage: <paramref name="Done"/> of <paramref name="Total"/> items.</summary>
public sealed record SeedProgress(string Stage, long Done, long Total);

/// <summary>
/// Behaviour planted in a customer account so the loyalty signals (DESIGN 4.2) have something to find.
/// Every group but <see cref="Control"/> and <see cref="AllBad"/> is a healthy account with one defect.
/// </summary>
public enum PlantedPattern
{
    /// <summary>Healthy on every planted dimension.</summary>
    Control,

    /// <summary>At least 97.5% of interactions by the owning rep; every contact is met only by that rep.</summary>
    RepDependent,

    /// <summary>A capital order 75–150 days ago, installed 10–25 days later, then no interaction until 35–50 days after the install.</summary>
    PostSaleSilence,

    /// <summary>Most revenue bought in the last 14 days of each quarter at 25–40% discount (others stay at or below 12%).</summary>
    DiscountDependent,

    /// <summary>Every first response of the last year beyond SLA, two devices with 3–4 incidents in 180 days, and an open critical incident.</summary>
    PoorService,

    /// <summary>In the last 185 days only Nursing contacts at User level are met; never Clinician, Biomed, Purchasing or Executive.</summary>
    ThinInfluencerCoverage,

    /// <summary>All of the above at once.</summary>
    AllBad,
}

/// <summary>What a seeding run wrote.</summary>
/// <param name="Patterns">The planted group of every account with status Customer; prospects and lost accounts have none.</param>
public sealed record SeedResult(IReadOnlyDictionary<Guid, PlantedPattern> Patterns, SeedCounts Counts, TimeSpan Elapsed);

/// <summary>Rows written per kind.</summary>
public sealed record SeedCounts
{
    public long Accounts { get; init; }
    public long Contacts { get; init; }
    public long Devices { get; init; }
    public long Incidents { get; init; }
    public long Interactions { get; init; }
    public long InteractionContacts { get; init; }
    public long InteractionDevices { get; init; }
    public long Orders { get; init; }
    public long OrderLines { get; init; }
    public long ServiceContracts { get; init; }
    public long ServiceContractDevices { get; init; }
    public long Surveys { get; init; }
    public long Targets { get; init; }
    public long Products { get; init; }
    public long Territories { get; init; }
    public long Users { get; init; }
}

internal static class PlantedPatternExtensions
{
    /// <summary>True when the account carries <paramref name="defect"/>, alone or as part of <see cref="PlantedPattern.AllBad"/>.</summary>
    public static bool Has(this PlantedPattern? pattern, PlantedPattern defect) =>
        pattern == defect || (pattern == PlantedPattern.AllBad && defect != PlantedPattern.Control);
}

using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.Core.Features.Seeding;
using MedTechAccounts.UnitTests.Features.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedTechAccounts.UnitTests.Features.Scoring;

/// <summary>The demo portfolio seeded with its planted patterns, refitted and recomputed once.</summary>
public class ScoredPortfolioFixture : IAsyncLifetime
{
    /// <summary>What is seeded: the demo profile unless a derived fixture says otherwise.</summary>
    protected virtual SeedOptions Seeding => SeedOptions.Demo(SeedDatabase.Today);

    internal SeedDatabase Database { get; private set; } = null!;

    public SeedResult Seed { get; private set; } = null!;

    public RecomputeResult Recompute { get; private set; } = null!;

    public Dictionary<Guid, AccountScore> Scores { get; private set; } = [];

    public List<EngagementTask> Tasks { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Database = await SeedDatabase.CreateAsync();
        Seed = (await Database.SeedAsync(Seeding))!;
        Recompute = await Recomputer().RecomputeAllAsync(refit: true, progress: null, CancellationToken.None);
        Scores = await Database.Db.AccountScores.AsNoTracking().ToDictionaryAsync(s => s.AccountId);
        Tasks = await Database.Db.EngagementTasks.AsNoTracking().ToListAsync();
    }

    internal ScoreRecomputer Recomputer(ScoringOptions? options = null)
    {
        var db = Database.Db;
        var wrapped = Options.Create(options ?? new ScoringOptions());
        return new ScoreRecomputer(db, new AccountFactsReader(db), new ClvPortfolio(db, Database.Clock, wrapped, NullLogger<ClvPortfolio>.Instance),
            Database.Clock, wrapped, NullLogger<ScoreRecomputer>.Instance);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    /// <summary>Accounts planted with <paramref name="defect"/>, alone or as part of AllBad.</summary>
    public List<Guid> With(PlantedPattern defect) =>
        Seed.Patterns.Where(p => p.Value == defect || p.Value == PlantedPattern.AllBad).Select(p => p.Key).ToList();

    public List<Guid> Controls => Seed.Patterns.Where(p => p.Value == PlantedPattern.Control).Select(p => p.Key).ToList();
}

/// <summary>
/// A portfolio the scoring was not tuned on: another seed, 300 accounts and the large profile's
/// interaction density (3.5 times the demo's touches), scored with the default scorecard and rules.
/// </summary>
public sealed class UnseenPortfolioFixture : ScoredPortfolioFixture
{
    protected override SeedOptions Seeding => SeedOptions.Large(SeedDatabase.Today, accounts: 300, seed: 20_261_204);
}

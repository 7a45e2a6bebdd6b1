using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>
/// Writes a generated, deterministic portfolio into an empty database (DESIGN sections 3 and 6): the catalog,
/// territories, field users, then accounts in batches with everything that belongs to them, then quarterly
/// targets. All in one transaction, so a failed or cancelled run leaves nothing behind. On PostgreSQL the loaded
/// tables' foreign keys and secondary indexes are made after the rows (<see cref="PostgreSqlBulkLoad"/>).
/// </summary>
/// <remarks>
/// Reps and managers the portfolio refers to are taken from the database by e-mail when they exist (the web host
/// runs <see cref="DemoUsers.EnsureAsync"/> first, so demo reps own the demo accounts); missing ones are written
/// without a password and cannot sign in until an administrator sets one.
/// </remarks>
public sealed class PortfolioSeeder(AppDbContext db, TimeProvider clock, ILogger<PortfolioSeeder> logger)
{
    /// <summary>Accounts generated and written together; bounds memory to one batch of rows.</summary>
    private const int BatchAccounts = 100;

    /// <summary>Writes the portfolio when the database has no accounts; returns null (and writes nothing) otherwise.</summary>
    public async Task<SeedResult?> SeedAsync(SeedOptions options, IProgress<SeedProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (scope, suppressFieldAudit, autoDetect) = (db.Scope, db.SuppressFieldAudit, db.ChangeTracker.AutoDetectChangesEnabled);
        db.Scope = AccessScope.Everything;

        // The audit interceptor writes one summary row per entity type and save instead of one per field.
        db.SuppressFieldAudit = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(token => SeedOnceAsync(options, progress, token), ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
            (db.Scope, db.SuppressFieldAudit, db.ChangeTracker.AutoDetectChangesEnabled) = (scope, suppressFieldAudit, autoDetect);
        }
    }

    private async Task<SeedResult?> SeedOnceAsync(SeedOptions options, IProgress<SeedProgress>? progress, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        db.ChangeTracker.Clear();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (await db.Accounts.IgnoreQueryFilters().AnyAsync(ct))
            {
                logger.LogInformation("The database already has accounts; seeding skipped.");
                return null;
            }

            await using var tuning = options.IsLarge ? await SqliteTuning.ApplyAsync(db, ct) : null;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var load = await PostgreSqlBulkLoad.PrepareAsync(db, PortfolioBatch.EntityTypes, ct);
            var (patterns, counts) = await WriteAsync(options, progress, ct);
            if (load is not null)
            {
                await load.RestoreAsync(progress, ct);
            }

            await transaction.CommitAsync(ct);
            await db.RefreshPlannerStatisticsAsync(ct);

            var elapsed = clock.GetElapsedTime(started);
            logger.LogInformation(
                "Seeded the {Profile} portfolio (seed {Seed}) in {Elapsed}: {Accounts} accounts, {Devices} devices, {Interactions} interactions, {Incidents} incidents, {OrderLines} order lines.",
                options.Profile, options.Seed, elapsed, counts.Accounts, counts.Devices, counts.Interactions, counts.Incidents, counts.OrderLines);
            return new SeedResult(patterns, counts, elapsed);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<(Dictionary<Guid, PlantedPattern>, SeedCounts)> WriteAsync(
        SeedOptions options, IProgress<SeedProgress>? progress, CancellationToken ct)
    {
        var products = await ReferenceData.EnsureCatalogAsync(db, ct);
        progress?.Report(new SeedProgress("Catalog", products.Count, products.Count));

        var ids = new IdFactory(options.Today);
        var plan = PortfolioPlan.Build(options, ids);
        var territoryIds = await ReferenceData.EnsureTerritoriesAsync(db, plan.Territories, ct);
        progress?.Report(new SeedProgress("Territories", plan.Territories.Count, plan.Territories.Count));

        var roster = new Roster(plan.Territories, options.Seed);
        var userIds = await ReferenceData.EnsureUsersAsync(db, roster.Users, territoryIds, ct);
        progress?.Report(new SeedProgress("Users", roster.Users.Count, roster.Users.Count));
        db.ChangeTracker.Clear();

        var context = new SeedContext(options, clock.GetUtcNow().UtcDateTime, ids, products, roster, territoryIds, userIds);
        var accounts = new AccountPipeline(context);
        var counts = new SeedCounts { Products = products.Count, Territories = territoryIds.Count, Users = userIds.Count };
        await using (var bulk = new BulkInserter(db))
        {
            for (var first = 0; first < plan.Accounts.Count; first += BatchAccounts)
            {
                ct.ThrowIfCancellationRequested();
                foreach (var slot in plan.Accounts.Skip(first).Take(BatchAccounts))
                {
                    accounts.Generate(slot);
                }

                counts = await WriteBatchAsync(context.TakeBatch(), bulk, counts, ct);
                progress?.Report(new SeedProgress("Accounts", counts.Accounts, plan.Accounts.Count));
            }
        }

        var targets = await NewTargetsAsync(new TargetGenerator(context).Generate(), ct);
        db.QuarterlyTargets.AddRange(targets);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        progress?.Report(new SeedProgress("Targets", targets.Count, targets.Count));

        var patterns = plan.Accounts.Where(a => a.Pattern is not null).ToDictionary(a => a.Id, a => a.Pattern!.Value);
        return (patterns, counts with { Targets = targets.Count });
    }

    /// <summary>Inserts one batch, principals first, then its audit summary and stale marks through the context.</summary>
    private async Task<SeedCounts> WriteBatchAsync(PortfolioBatch batch, BulkInserter bulk, SeedCounts counts, CancellationToken ct)
    {
        var summary = new List<AuditEntry>();
        async Task Insert<T>(List<T> rows) where T : class
        {
            await bulk.InsertAsync(rows, ct);
            if (rows.Count > 0)
            {
                summary.Add(AuditSummary(typeof(T).Name, rows.Count));
            }
        }

        await Insert(batch.Accounts);
        await Insert(batch.Contacts);
        await Insert(batch.Devices);
        await Insert(batch.Contracts);
        await Insert(batch.ContractDevices);
        await Insert(batch.Orders);
        await Insert(batch.OrderLines);
        await Insert(batch.Incidents);
        await Insert(batch.Interactions);
        await Insert(batch.InteractionContacts);
        await Insert(batch.InteractionDevices);
        await Insert(batch.Surveys);

        // Every seeded account is stale, so the recompute worker scores the whole portfolio once.
        var now = clock.GetUtcNow().UtcDateTime;
        db.StaleAccounts.AddRange(batch.Accounts.Select(a => new StaleAccount { AccountId = a.Id, MarkedAt = now }));
        db.AuditEntries.AddRange(summary);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        return counts with
        {
            Accounts = counts.Accounts + batch.Accounts.Count,
            Contacts = counts.Contacts + batch.Contacts.Count,
            Devices = counts.Devices + batch.Devices.Count,
            ServiceContracts = counts.ServiceContracts + batch.Contracts.Count,
            ServiceContractDevices = counts.ServiceContractDevices + batch.ContractDevices.Count,
            Orders = counts.Orders + batch.Orders.Count,
            OrderLines = counts.OrderLines + batch.OrderLines.Count,
            Incidents = counts.Incidents + batch.Incidents.Count,
            Interactions = counts.Interactions + batch.Interactions.Count,
            InteractionContacts = counts.InteractionContacts + batch.InteractionContacts.Count,
            InteractionDevices = counts.InteractionDevices + batch.InteractionDevices.Count,
            Surveys = counts.Surveys + batch.Surveys.Count,
        };
    }

    /// <summary>The row the audit interceptor writes for a bulk save (SuppressFieldAudit): one per entity type and save.</summary>
    private AuditEntry AuditSummary(string entity, int count) =>
        AuditEntry.BulkSummary(SystemUser.Instance.UserId, SystemUser.Instance.Name, clock.GetUtcNow().UtcDateTime, entity, AuditAction.Insert, count);

    /// <summary>Leaves alone targets an administrator already set for the same quarter and scope.</summary>
    private async Task<List<QuarterlyTarget>> NewTargetsAsync(List<QuarterlyTarget> targets, CancellationToken ct)
    {
        var existing = (await db.QuarterlyTargets.AsNoTracking()
                .Select(t => new { t.FiscalYear, t.FiscalQuarter, t.Scope, t.ScopeKey })
                .ToListAsync(ct))
            .Select(t => (t.FiscalYear, t.FiscalQuarter, t.Scope, t.ScopeKey))
            .ToHashSet();
        return targets.Where(t => !existing.Contains((t.FiscalYear, t.FiscalQuarter, t.Scope, t.ScopeKey))).ToList();
    }

    /// <summary>Runs the generators for one account, in the order each reads what the previous ones made.</summary>
    private sealed class AccountPipeline(SeedContext context)
    {
        private readonly AccountGenerator account = new(context);
        private readonly InstallBaseGenerator installBase = new(context);
        private readonly ContractGenerator contracts = new(context);
        private readonly OrderGenerator orders = new(context);
        private readonly IncidentGenerator incidents = new(context);
        private readonly InteractionGenerator interactions = new(context);
        private readonly SurveyGenerator surveys = new(context);

        public void Generate(AccountSlot slot)
        {
            var build = new AccountBuild(
                slot, SeedRandom.For(context.Options.Seed, SeedStream.Account, slot.Index), context.TeamFor(slot), context.Zone(slot.State.TimeZone))
            {
                NextSteps = SeedRandom.For(context.Options.Seed, SeedStream.NextSteps, slot.Index),
            };
            account.Generate(build);
            installBase.Generate(build);
            contracts.Generate(build);
            orders.Generate(build);
            incidents.Generate(build);
            interactions.Generate(build);
            surveys.Generate(build);
        }
    }
}

using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Data;

/// <summary>
/// One context for the domain, Identity, OpenIddict and data-protection keys. Territory scoping
/// lives here, once, as global query filters over <see cref="Scope"/>.
/// </summary>
public class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<ApplicationUser, ApplicationRole, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Territory> Territories => Set<Territory>();
    public DbSet<UserTerritory> UserTerritories => Set<UserTerritory>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<StaleAccount> StaleAccounts => Set<StaleAccount>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<InstalledDevice> Devices => Set<InstalledDevice>();
    public DbSet<ServiceIncident> Incidents => Set<ServiceIncident>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<InteractionContact> InteractionContacts => Set<InteractionContact>();
    public DbSet<InteractionDevice> InteractionDevices => Set<InteractionDevice>();
    public DbSet<TrainingSignOff> TrainingSignOffs => Set<TrainingSignOff>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<ServiceContract> ServiceContracts => Set<ServiceContract>();
    public DbSet<ServiceContractDevice> ServiceContractDevices => Set<ServiceContractDevice>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<QuarterlyTarget> QuarterlyTargets => Set<QuarterlyTarget>();
    public DbSet<EngagementTask> EngagementTasks => Set<EngagementTask>();
    public DbSet<HandoverItem> HandoverItems => Set<HandoverItem>();
    public DbSet<AccountScore> AccountScores => Set<AccountScore>();
    public DbSet<ClvFit> ClvFits => Set<ClvFit>();
    public DbSet<ScorecardWeights> ScorecardWeights => Set<ScorecardWeights>();
    public DbSet<ScorecardRules> ScorecardRules => Set<ScorecardRules>();
    public DbSet<VoiceSettings> VoiceSettings => Set<VoiceSettings>();
    public DbSet<VoiceResponse> VoiceResponses => Set<VoiceResponse>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>What the current actor may see. Fails closed until <see cref="ApplyScopeAsync"/> runs.</summary>
    public AccessScope Scope
    {
        get => _scope;
        set
        {
            _scope = value;
            ScopeResolved = true;
        }
    }

    private AccessScope _scope = AccessScope.Nothing;

    /// <summary>True once a scope was applied to this context (by the pipeline, a host or a test).</summary>
    public bool ScopeResolved { get; private set; }

    /// <summary>Fields a redaction in this unit of work removes: their audit entries record the marker, never the text.</summary>
    public HashSet<(string Entity, string EntityId, string Field)> RedactedFields { get; } = [];

    /// <summary>Set only by bulk seeding, which writes one summary audit row instead of one per field.</summary>
    public bool SuppressFieldAudit { get; set; }

    // The filters read these two members, so EF parameterises them per context instance.
    private bool ScopeUnrestricted => Scope.Unrestricted;
    private IReadOnlyCollection<Guid> ScopeTerritoryIds => Scope.TerritoryIds;

    /// <summary>Resolves the territories <paramref name="user"/> may reach and applies them to every later query.</summary>
    public async Task ApplyScopeAsync(ICurrentUser user, CancellationToken cancellationToken = default)
    {
        if (AccessScope.IsUnrestricted(user))
        {
            Scope = AccessScope.Everything;
            return;
        }

        if (user.UserId is not { } userId)
        {
            Scope = AccessScope.Nothing;
            return;
        }

        var ids = await ReachableTerritoriesAsync(userId, user.IsInRole(Domain.Roles.Manager), user.IsInRole(Domain.Roles.Rep), cancellationToken);
        Scope = AccessScope.Territories(ids);
    }

    /// <summary>
    /// True when the active user <paramref name="userId"/> may see the accounts of <paramref name="territoryId"/>, by
    /// the rule <see cref="ApplyScopeAsync"/> applies to the caller: executives and admins everywhere, a manager in the
    /// region and assigned territories, a rep in assigned territories. For people named on a record (owner, responder).
    /// </summary>
    public async Task<bool> UserReachesTerritoryAsync(Guid userId, Guid territoryId, CancellationToken cancellationToken = default)
    {
        if (!await Users.AnyAsync(u => u.Id == userId && u.IsActive, cancellationToken))
        {
            return false;
        }

        var roles = await UserRoles.Where(ur => ur.UserId == userId)
            .Join(Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
            .ToListAsync(cancellationToken);
        if (roles.Contains(Domain.Roles.Admin) || roles.Contains(Domain.Roles.Executive))
        {
            return true;
        }

        var reachable = await ReachableTerritoriesAsync(userId, roles.Contains(Domain.Roles.Manager), roles.Contains(Domain.Roles.Rep), cancellationToken);
        return reachable.Contains(territoryId);
    }

    /// <summary>The scope rule for a restricted user: a manager's region and assigned territories, a rep's assigned territories.</summary>
    private async Task<List<Guid>> ReachableTerritoriesAsync(Guid userId, bool manager, bool rep, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        if (manager)
        {
            ids.AddRange(await Territories
                .Where(t => Users.Where(u => u.Id == userId).Select(u => u.Region).Contains(t.Region))
                .Select(t => t.Id)
                .ToListAsync(cancellationToken));
        }

        if (rep || manager)
        {
            ids.AddRange(await UserTerritories.Where(ut => ut.UserId == userId)
                .Select(ut => ut.TerritoryId)
                .ToListAsync(cancellationToken));
        }

        return ids;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        builder.Entity<Account>().HasQueryFilter(a => ScopeUnrestricted || ScopeTerritoryIds.Contains(a.TerritoryId));
        ApplyAccountOwnedFilter<Contact>(builder);
        ApplyAccountOwnedFilter<InstalledDevice>(builder);
        ApplyAccountOwnedFilter<ServiceIncident>(builder);
        ApplyAccountOwnedFilter<Interaction>(builder);
        ApplyAccountOwnedFilter<TrainingSignOff>(builder);
        ApplyAccountOwnedFilter<Order>(builder);
        ApplyAccountOwnedFilter<ServiceContract>(builder);
        ApplyAccountOwnedFilter<SurveyResponse>(builder);
        ApplyAccountOwnedFilter<EngagementTask>(builder);
        ApplyAccountOwnedFilter<HandoverItem>(builder);
        ApplyAccountOwnedFilter<AccountScore>(builder);
        builder.Entity<OrderLine>().HasQueryFilter(l => ScopeUnrestricted || ScopeTerritoryIds.Contains(l.Order!.Account!.TerritoryId));
        builder.Entity<InteractionContact>().HasQueryFilter(c => ScopeUnrestricted || ScopeTerritoryIds.Contains(c.Contact!.Account!.TerritoryId));
        builder.Entity<InteractionDevice>().HasQueryFilter(d => ScopeUnrestricted || ScopeTerritoryIds.Contains(d.Device!.Account!.TerritoryId));
        builder.Entity<ServiceContractDevice>().HasQueryFilter(d => ScopeUnrestricted || ScopeTerritoryIds.Contains(d.Device!.Account!.TerritoryId));
    }

    private void ApplyAccountOwnedFilter<T>(ModelBuilder builder) where T : class, IAccountOwned
    {
        builder.Entity<T>().HasQueryFilter(e =>
            ScopeUnrestricted || Accounts.Any(a => a.Id == e.AccountId && ScopeTerritoryIds.Contains(a.TerritoryId)));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Dates are UTC DateTime and DateOnly; money is decimal. Providers differ in how they store
        // them, so each gets the mapping that keeps comparison, ordering and SUM in SQL.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        if (Database.IsSqlite())
        {
            // SQLite has no decimal type: EF stores TEXT, which cannot be summed or ordered in SQL.
            // REAL keeps sums, ordering and comparisons in the database; amounts are rounded to cents on read.
            configurationBuilder.Properties<decimal>().HaveConversion<SqliteMoneyConverter>();
        }
    }
}

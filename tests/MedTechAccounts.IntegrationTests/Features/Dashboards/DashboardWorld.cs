using System.Text.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Incidents;
using MedTechAccounts.Core.Features.Interactions;
using MedTechAccounts.IntegrationTests.Infrastructure;

namespace MedTechAccounts.IntegrationTests.Features.Dashboards;

/// <summary>
/// A small region whose dashboard numbers are known by hand: two territories, two reps, four accounts (three scored,
/// one not) and a scored account in another region that must never count.
/// </summary>
public sealed record DashboardWorld(
    string Region, Territory North, Territory South, ApplicationUser Manager, ApplicationUser Rep1, ApplicationUser Rep2,
    Account A1, Account A2, Account A3, Account Unscored, Account Elsewhere,
    ServiceIncident Overdue, ServiceIncident Breached, IReadOnlyList<DateOnly> Weeks)
{
    public static async Task<DashboardWorld> CreateAsync(AppFactory app)
    {
        var region = $"R-{Guid.NewGuid():N}"[..12];
        var (north, south, other) = (await app.CreateTerritoryAsync(region), await app.CreateTerritoryAsync(region), await app.CreateTerritoryAsync());
        var manager = await app.CreateUserAsync(Roles.Manager, region: region);
        var rep1 = await app.CreateUserAsync(Roles.Rep, [north.Id]);
        var rep2 = await app.CreateUserAsync(Roles.Rep, [south.Id]);
        var a1 = await app.CreateAccountAsync(north.Id, $"Alpha {Guid.NewGuid():N}"[..14], rep1.Id);
        var a2 = await app.CreateAccountAsync(north.Id, $"Beta {Guid.NewGuid():N}"[..13], rep1.Id);
        var a3 = await app.CreateAccountAsync(south.Id, $"Gamma {Guid.NewGuid():N}"[..14], rep2.Id);
        var unscored = await app.CreateAccountAsync(south.Id, $"Delta {Guid.NewGuid():N}"[..14], rep2.Id);
        var elsewhere = await app.CreateAccountAsync(other.Id, $"Omega {Guid.NewGuid():N}"[..14]);
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var weeks = TeamActivity.WeeksEndingWith(today, TeamActivity.DefaultWeeks);

        var (overdue, breached) = await app.WithDbAsync(async (db, _) =>
        {
            (await db.Accounts.FindAsync(a2.Id))!.Segment = AccountSegment.Academic;
            db.AccountScores.AddRange(
                Score(a1, today.AddDays(-10), 80, RiskTier.Healthy, 90_000m, repDependency: 100, coverage: 100),
                Score(a1, today.AddDays(-1), 20, RiskTier.AtRisk, 100_000m, repDependency: 10, coverage: 90),
                Score(a2, today.AddDays(-1), 30, RiskTier.AtRisk, 200_000m, repDependency: 50, coverage: 20),
                Score(a3, today.AddDays(-2), 55, RiskTier.Watch, 50_000m, repDependency: 30, coverage: 100),
                Score(elsewhere, today.AddDays(-1), 5, RiskTier.AtRisk, 900_000m, repDependency: 0, coverage: 0));

            var product = new Product { Sku = $"P-{Guid.NewGuid():N}"[..14], Name = "Infusion pump", Family = "Infusion", Category = ProductCategory.Capital, ListPrice = 5_000m, ServiceLifeMonths = 96 };
            InstalledDevice Device(Account account) => new()
            {
                AccountId = account.Id, Product = product, SerialNumber = $"SN-{Guid.NewGuid():N}"[..14], InstallDate = today.AddYears(-2), Status = DeviceStatus.Active,
            };
            var (d1, d2, d3, d5) = (Device(a1), Device(a2), Device(a3), Device(elsewhere));
            db.Devices.AddRange(d1, d2, d3, d5);
            ServiceIncident Incident(InstalledDevice device, double hoursAgo, IncidentSeverity severity, double? respondedHoursAgo = null, bool resolved = false)
            {
                var responded = respondedHoursAgo is { } r ? now.AddHours(-r) : (DateTime?)null;
                var resolvedAt = resolved ? now.AddHours(-1) : (DateTime?)null;
                return new ServiceIncident
                {
                    ExternalId = $"T-{Guid.NewGuid():N}"[..20].ToUpperInvariant(), AccountId = device.AccountId, Device = device, OpenedAt = now.AddHours(-hoursAgo),
                    Severity = severity, Category = "Alarm fault", FirstResponseAt = responded, ResolvedAt = resolvedAt, Status = IncidentSla.StatusOf(responded, resolvedAt),
                };
            }

            var overdue = Incident(d1, 10, IncidentSeverity.Critical); // 4 h target, no response: overdue
            var breached = Incident(d3, 48, IncidentSeverity.Major, respondedHoursAgo: 20); // answered 28 h after opening: breached, open
            db.Incidents.AddRange(
                overdue, breached,
                Incident(d1, 1, IncidentSeverity.Minor), // within target
                Incident(d2, 10, IncidentSeverity.Critical, respondedHoursAgo: 2, resolved: true), // late but resolved
                Incident(d5, 10, IncidentSeverity.Critical)); // another region

            Interaction Touch(Account account, ApplicationUser rep, DateOnly week) => new()
            {
                ExternalId = $"I-{Guid.NewGuid():N}"[..20], AccountId = account.Id, RepId = rep.Id, Type = InteractionType.Visit, Source = InteractionSource.Web,
                OccurredAt = week.AddDays(2).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
            };
            db.Interactions.AddRange(
                Touch(a1, rep1, weeks[10]), Touch(a1, rep1, weeks[10]), Touch(a2, rep1, weeks[8]),
                Touch(a3, rep2, weeks[10]), Touch(elsewhere, rep2, weeks[10]),
                Touch(a1, rep1, weeks[0].AddDays(-7))); // before the 12 weeks

            db.EngagementTasks.AddRange(
                Task(a1, Playbook.MultiThreadRelationship, EngagementTaskStatus.Open),
                Task(a2, Playbook.MultiThreadRelationship, EngagementTaskStatus.Done, """{"RepDependency":40}"""),
                Task(elsewhere, Playbook.MultiThreadRelationship, EngagementTaskStatus.Open));
            await db.SaveChangesAsync();
            return (overdue, breached);
        });
        return new DashboardWorld(region, north, south, manager, rep1, rep2, a1, a2, a3, unscored, elsewhere, overdue, breached, weeks);
    }

    private static EngagementTask Task(Account account, Playbook playbook, EngagementTaskStatus status, string? after = null) => new()
    {
        AccountId = account.Id, Playbook = playbook, Reason = "Only one rep has met anyone here.", ValueAtStake = 1_000m, Priority = 1,
        Status = status, SignalsAtRaise = """{"RepDependency":10}""", SignalsAfter = after, ClosedAt = status == EngagementTaskStatus.Open ? null : DateTime.UtcNow.AddDays(-100),
    };

    private static AccountScore Score(Account account, DateOnly asOf, double health, RiskTier tier, decimal clv, double repDependency, double coverage) => new()
    {
        AccountId = account.Id, AsOf = asOf, ComputedAt = asOf.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc), HealthScore = health, RiskTier = tier, Clv = clv,
        RepDependency = repDependency, InfluencerCoverage = coverage,
        SignalDetails = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["RepDependency"] = new { value = 0.9, score = (int)repDependency, reason = $"Rep dependency of {account.Name}." },
            ["InfluencerCoverage"] = new { value = 0.25, score = (int)coverage, reason = $"Coverage of {account.Name}." },
        }),
        TopReason = $"Top reason of {account.Name}.",
    };
}

using System.Net;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Incidents;
using MedTechAccounts.Core.Features.Interactions;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.Core.Features.Tasks;
using MedTechAccounts.IntegrationTests.Infrastructure;

namespace MedTechAccounts.IntegrationTests.Features.Dashboards;

/// <summary>The queries behind every number of the manager dashboard, on a region whose answers are known by hand.</summary>
public abstract class ManagerDashboardTests(AppFactory app)
{
    private Task<T> AsManager<T>(DashboardWorld world, Func<Mediator.ISender, ValueTask<T>> send) =>
        app.SendAsAsync(TestUser.Of(world.Manager, Roles.Manager), send);

    [DbFact]
    public async Task The_tiers_count_each_accounts_latest_score_in_the_region_and_name_the_unscored()
    {
        var world = await DashboardWorld.CreateAsync(app);

        var result = await AsManager(world, s => s.Send(new ManagerDashboard.Query()));

        Assert.Equal(4, result.Accounts);
        Assert.Equal(1, result.Unscored);
        Assert.Equal([(RiskTier.AtRisk, 2), (RiskTier.Watch, 1), (RiskTier.Healthy, 0)], result.Tiers.Select(t => (t.Tier, t.Accounts)));
        Assert.Equal(300_000m, result.Tiers[0].Clv);
        Assert.Equal(80_000m + 140_000m, result.Tiers[0].ValueAtStake);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc), result.ScoresAsOf);
    }

    [DbFact]
    public async Task The_at_risk_list_puts_the_most_value_at_stake_first_with_its_reason()
    {
        var world = await DashboardWorld.CreateAsync(app);

        var result = await AsManager(world, s => s.Send(new ManagerDashboard.Query()));

        Assert.Equal(2, result.AtRiskCount);
        Assert.Equal([(world.A2.Id, 140_000m), (world.A1.Id, 80_000m)], result.AtRisk.Select(a => (a.AccountId, a.ValueAtStake)));
        Assert.Equal($"Top reason of {world.A2.Name}.", result.AtRisk[0].TopReason);
    }

    [DbFact]
    public async Task Rep_dependency_and_coverage_rank_the_weakest_first_and_count_the_gaps()
    {
        var world = await DashboardWorld.CreateAsync(app);

        var result = await AsManager(world, s => s.Send(new ManagerDashboard.Query()));

        Assert.Equal([(world.A1.Id, 10), (world.A3.Id, 30), (world.A2.Id, 50)], result.RepDependency.Select(r => (r.AccountId, r.SubScore)));
        Assert.Equal($"Rep dependency of {world.A1.Name}.", result.RepDependency[0].Reason);
        Assert.Equal(2, result.RepDependencyGaps);
        Assert.Equal([(world.A2.Id, 20), (world.A1.Id, 90)], result.Coverage.Select(r => (r.AccountId, r.SubScore)));
        Assert.Equal(1, result.CoverageGaps);
    }

    [DbFact]
    public async Task The_territory_segment_and_rep_filters_narrow_every_number()
    {
        var world = await DashboardWorld.CreateAsync(app);

        var south = await AsManager(world, s => s.Send(new ManagerDashboard.Query { Filter = new DashboardFilter { TerritoryId = world.South.Id } }));
        var academic = await AsManager(world, s => s.Send(new ManagerDashboard.Query { Filter = new DashboardFilter { Segment = AccountSegment.Academic } }));
        var rep1 = await AsManager(world, s => s.Send(new ManagerDashboard.Query { Filter = new DashboardFilter { RepId = world.Rep1.Id } }));

        Assert.Equal((2, 1, 0, 1), (south.Accounts, south.Unscored, south.AtRiskCount, south.Tiers.Single(t => t.Tier == RiskTier.Watch).Accounts));
        Assert.Equal(world.A2.Id, Assert.Single(academic.AtRisk).AccountId);
        Assert.Equal(1, academic.Accounts);
        Assert.Equal([world.A2.Id, world.A1.Id], rep1.AtRisk.Select(a => a.AccountId));
    }

    [DbFact]
    public async Task Every_drill_down_lists_the_accounts_behind_its_number()
    {
        var world = await DashboardWorld.CreateAsync(app);

        var atRisk = await AsManager(world, s => s.Send(new DashboardAccounts.Query { List = DashboardList.Tier, Tier = RiskTier.AtRisk }));
        var dependent = await AsManager(world, s => s.Send(new DashboardAccounts.Query { List = DashboardList.RepDependency, GapsOnly = true }));
        var uncovered = await AsManager(world, s => s.Send(new DashboardAccounts.Query { List = DashboardList.Coverage, GapsOnly = true }));
        var all = await AsManager(world, s => s.Send(new DashboardAccounts.Query()));

        Assert.Equal([world.A2.Id, world.A1.Id], atRisk.Rows.Select(r => r.Account.AccountId));
        Assert.Equal([(world.A1.Id, 10), (world.A3.Id, 30)], dependent.Rows.Select(r => (r.Account.AccountId, r.SubScore ?? -1)));
        Assert.Equal(world.A2.Id, Assert.Single(uncovered.Rows).Account.AccountId);
        Assert.Equal(3, all.Rows.Count);
    }

    [DbFact]
    public async Task The_playbook_drill_down_lists_the_accounts_with_tasks_of_that_playbook_and_status()
    {
        var world = await DashboardWorld.CreateAsync(app);

        var open = await AsManager(world, s => s.Send(new DashboardAccounts.Query
        {
            List = DashboardList.Playbook, Playbook = Playbook.MultiThreadRelationship, TaskStatus = EngagementTaskStatus.Open,
        }));
        var all = await AsManager(world, s => s.Send(new DashboardAccounts.Query { List = DashboardList.Playbook, Playbook = Playbook.MultiThreadRelationship }));
        var none = await AsManager(world, s => s.Send(new DashboardAccounts.Query { List = DashboardList.Playbook, Playbook = Playbook.ReplacementPlanning }));

        Assert.Equal([world.A1.Id], open.Rows.Select(r => r.Account.AccountId));
        Assert.Equal([world.A2.Id, world.A1.Id], all.Rows.Select(r => r.Account.AccountId));
        Assert.Empty(none.Rows);
    }

    [DbFact]
    public async Task Sla_breaches_are_the_open_incidents_that_missed_their_target_overdue_first()
    {
        var world = await DashboardWorld.CreateAsync(app);

        var result = await AsManager(world, s => s.Send(new SlaBreaches.Query()));
        var north = await AsManager(world, s => s.Send(new SlaBreaches.Query { Filter = new DashboardFilter { TerritoryId = world.North.Id } }));

        Assert.Equal((1, 1, 2), (result.Overdue, result.Breached, result.Accounts));
        Assert.Equal([(world.Overdue.Id, SlaStatus.Overdue), (world.Breached.Id, SlaStatus.Breached)], result.Rows.Select(r => (r.Id, r.Sla)));
        Assert.Equal(world.Overdue.Id, Assert.Single(north.Rows).Id);
    }

    [DbFact]
    public async Task Team_activity_counts_interactions_per_rep_per_week_and_drills_down_to_the_accounts()
    {
        var world = await DashboardWorld.CreateAsync(app);

        var result = await AsManager(world, s => s.Send(new TeamActivity.Query { InteractionRepId = world.Rep1.Id, Week = world.Weeks[10].AddDays(3) }));

        Assert.Equal(world.Weeks, result.Weeks);
        Assert.Equal([world.Rep1.Id, world.Rep2.Id], result.Reps.Select(r => r.RepId));
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 0], result.Reps[0].PerWeek);
        Assert.Equal(3, result.Reps[0].Total);
        Assert.Equal(1, result.Reps[1].Total);
        var touched = Assert.Single(result.Accounts);
        Assert.Equal((world.A1.Id, 2), (touched.AccountId, touched.Interactions));
    }

    [DbFact]
    public async Task Playbook_effects_count_only_the_tasks_of_the_filtered_accounts()
    {
        var world = await DashboardWorld.CreateAsync(app);

        var north = await AsManager(world, s => s.Send(new PlaybookEffects.Query { Filter = new DashboardFilter { TerritoryId = world.North.Id } }));
        var south = await AsManager(world, s => s.Send(new PlaybookEffects.Query { Filter = new DashboardFilter { TerritoryId = world.South.Id } }));

        var row = north.Rows.Single(r => r.Playbook == Playbook.MultiThreadRelationship);
        Assert.Equal((1, 1, 1, 30.0, 1.0), (row.Open, row.Done, row.WithResult, row.MeanSignalChange, row.ShareImproved));
        Assert.All(south.Rows, r => Assert.Equal(0, r.Open + r.Done + r.Dismissed));
    }

    [DbFact]
    public async Task The_page_and_its_csv_exports_answer_the_manager_and_refuse_a_rep()
    {
        var world = await DashboardWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Manager);
        var repClient = await app.SignInAsync(world.Rep1);

        var page = await client.GetStringAsync("/dashboards/manager");
        var csv = await client.GetStringAsync("/dashboards/manager/accounts?List=Tier&Tier=AtRisk&format=csv");
        var sla = await client.GetStringAsync("/dashboards/manager/sla-breaches?format=csv");
        var accounts = await client.GetStringAsync($"/accounts?TerritoryId={world.North.Id}&PageSize=1&format=csv");

        Assert.Contains(world.A2.Name, page, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Elsewhere.Name, page, StringComparison.Ordinal);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Account,Territory,Rep,Segment,Tier,Health", lines[0], StringComparison.Ordinal);
        Assert.Equal([world.A2.Name, world.A1.Name], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains(",140000", lines[1], StringComparison.Ordinal);
        Assert.Equal(3, sla.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(3, accounts.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length); // header + both north accounts, past page 1
        Assert.Equal(HttpStatusCode.Redirect, (await repClient.GetAsync("/dashboards/manager")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await repClient.GetAsync("/dashboards/manager/tiers.csv")).StatusCode);
    }
}

public sealed class ManagerDashboardTestsOnSqlite(SqliteAppFactory app) : ManagerDashboardTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ManagerDashboardTestsOnPostgreSql(PostgreSqlAppFactory app) : ManagerDashboardTests(app), IClassFixture<PostgreSqlAppFactory>;

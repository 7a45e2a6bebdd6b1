using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.People;
using MedTechAccounts.Core.Features.Tasks;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.People;

/// <summary>
/// Departure exposure on hand-made data: the shares, sole contacts and CLV at stake of docs/scoring.md; scoping of people
/// by region; the handover plan's tasks (assignment rule, due date, no duplicates, effect baseline) and progress; the
/// bulk reassignment with its version check.
/// </summary>
public abstract class ExposureTests(AppFactory app)
{
    /// <summary>
    /// Region R (territory T): Sandy leaves. Dependence (last year):
    /// A1 — Sandy 6, Dan 2 interactions; contacts c1 (Sandy only), c2 (Sandy and Dan), c3 (Dan only); CLV 100,000.
    /// A2 — Sandy 2, Kim 3 (share 0.4, not exposed); contact c4 (Sandy only); one older visit by Sandy that no longer counts.
    /// A3 — Sandy 1, no contact; CLV 40,000; nobody else visits.
    /// Region R2 (territory T2): B1, visited by Other only.
    /// </summary>
    private sealed record World(
        Territory T, Territory T2, ApplicationUser Sandy, ApplicationUser Dan, ApplicationUser Kim, ApplicationUser Manager, ApplicationUser Manager2,
        ApplicationUser Other, Account A1, Account A2, Account A3, Account B1, Contact C1, Contact C2, Contact C3, Contact C4);

    private async Task<World> CreateAsync()
    {
        var region = $"R-{Guid.NewGuid():N}"[..12];
        var region2 = $"R2-{Guid.NewGuid():N}"[..12];
        var t = await app.CreateTerritoryAsync(region);
        var t2 = await app.CreateTerritoryAsync(region2);
        var sandy = await app.CreateUserAsync(Roles.Rep, [t.Id]);
        var dan = await app.CreateUserAsync(Roles.Rep, [t.Id]);
        var kim = await app.CreateUserAsync(Roles.Rep, [t.Id]);
        var other = await app.CreateUserAsync(Roles.Rep, [t2.Id]);
        var manager = await app.CreateUserAsync(Roles.Manager, region: region);
        var manager2 = await app.CreateUserAsync(Roles.Manager, region: region2);
        var a1 = await app.CreateAccountAsync(t.Id, "Sandy General", sandy.Id);
        var a2 = await app.CreateAccountAsync(t.Id, "Kim Memorial", sandy.Id);
        var a3 = await app.CreateAccountAsync(t.Id, "Lone Clinic", sandy.Id);
        var b1 = await app.CreateAccountAsync(t2.Id, "Far Hospital", other.Id);
        var (c1, c2, c3, c4) = await app.WithDbAsync(async (db, _) =>
        {
            Contact New(Account a, string name, ContactInfluence influence) => new()
            {
                AccountId = a.Id, ExternalId = $"C-{Guid.NewGuid():N}"[..20], Name = name, Role = ContactRole.Biomed, Influence = influence,
            };
            var c = (New(a1, "Dr. Only Sandy", ContactInfluence.DecisionMaker), New(a1, "Dr. Both", ContactInfluence.Influencer),
                New(a1, "Dr. Only Dan", ContactInfluence.User), New(a2, "Dr. Kim Side", ContactInfluence.Influencer));
            db.Contacts.AddRange(c.Item1, c.Item2, c.Item3, c.Item4);
            await db.SaveChangesAsync();
            return c;
        });

        var now = DateTime.UtcNow;
        await VisitsAsync(a1, sandy, 4, now);
        await VisitAsync(a1, sandy, now.AddDays(-10), c1, c2);
        await VisitAsync(a1, sandy, now.AddDays(-20), c1);
        await VisitAsync(a1, dan, now.AddDays(-30), c2, c3);
        await VisitsAsync(a1, dan, 1, now.AddDays(-40));
        await VisitAsync(a2, sandy, now.AddDays(-15), c4);
        await VisitsAsync(a2, sandy, 1, now.AddDays(-16));
        await VisitsAsync(a2, kim, 3, now.AddDays(-17));
        await VisitAsync(a2, sandy, now.AddDays(-400), c4);
        await VisitsAsync(a3, sandy, 1, now.AddDays(-5));
        await VisitsAsync(b1, other, 2, now.AddDays(-5));
        await ScoreAsync(a1, 100_000m, 30);
        await ScoreAsync(a2, 250_000m, 55);
        await ScoreAsync(a3, 40_000m, 0);
        await ScoreAsync(b1, 80_000m, 0);
        return new World(t, t2, sandy, dan, kim, manager, manager2, other, a1, a2, a3, b1, c1, c2, c3, c4);
    }

    private async Task VisitsAsync(Account account, ApplicationUser rep, int count, DateTime at)
    {
        for (var i = 0; i < count; i++)
        {
            await VisitAsync(account, rep, at.AddHours(-i));
        }
    }

    private Task VisitAsync(Account account, ApplicationUser rep, DateTime at, params Contact[] contacts) => app.WithDbAsync(async db =>
    {
        var interaction = new Interaction
        {
            ExternalId = $"I-{Guid.NewGuid():N}"[..24], AccountId = account.Id, RepId = rep.Id, OccurredAt = at, Type = InteractionType.Visit,
            Source = InteractionSource.Web,
        };
        interaction.Contacts.AddRange(contacts.Select(c => new InteractionContact { ContactId = c.Id }));
        db.Interactions.Add(interaction);
        await db.SaveChangesAsync();
    });

    private Task ScoreAsync(Account account, decimal clv, double repDependency) => app.WithDbAsync(async db =>
    {
        // An older snapshot that must not be read: the latest one wins.
        db.AccountScores.Add(new AccountScore { AccountId = account.Id, AsOf = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-7), Clv = 1m, RepDependency = 99 });
        db.AccountScores.Add(new AccountScore
        {
            AccountId = account.Id, AsOf = DateOnly.FromDateTime(DateTime.UtcNow), Clv = clv, RepDependency = repDependency, HealthScore = 50, RiskTier = RiskTier.Watch,
        });
        await db.SaveChangesAsync();
    });

    private static async Task<T> GetAsync<T>(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }

    [DbFact]
    public async Task A_persons_exposure_weights_each_exposed_accounts_clv_by_the_share_of_the_relationship_they_hold()
    {
        var w = await CreateAsync();
        var manager = await app.SignInAsync(w.Manager);

        var sandy = await GetAsync<PersonExposure.Result>(manager, $"/api/people/{w.Sandy.Id}/exposure");

        Assert.Equal(0.45, sandy.Threshold);
        var a1 = sandy.Accounts.Single(a => a.AccountId == w.A1.Id);
        Assert.Equal((6, 8, 0.75, 1, 3, true), (a1.Interactions, a1.AccountInteractions, a1.Share, a1.SoleContacts, a1.ContactsMet, a1.Exposed));
        // Held = (6/8 + 1/3) / 2 = 0.541667; at stake = 100,000 × held.
        Assert.Equal(0.5417, a1.Held);
        Assert.Equal(54_166.67m, a1.ClvAtStake);
        Assert.Equal(w.Dan.DisplayName, a1.NextVisitor);
        var a2 = sandy.Accounts.Single(a => a.AccountId == w.A2.Id);
        Assert.Equal((0.4, false, 0m, 1), (a2.Share, a2.Exposed, a2.ClvAtStake, a2.SoleContacts));
        var a3 = sandy.Accounts.Single(a => a.AccountId == w.A3.Id);
        Assert.Equal((1.0, 0.5, 20_000m, (string?)null), (a3.Share, a3.Held, a3.ClvAtStake, a3.NextVisitor));
        Assert.Equal([w.A1.Id, w.A3.Id, w.A2.Id], sandy.Accounts.Select(a => a.AccountId));
        Assert.Equal((2, 2, 74_166.67m, 3), (sandy.ExposedAccounts, sandy.SoleContacts, sandy.ClvAtStake, sandy.AccountsMet));
        Assert.Equal([w.C1.Id, w.C4.Id], sandy.Contacts.Select(c => c.ContactId));
        Assert.Equal(2, sandy.Contacts[0].Meetings);

        var dan = await GetAsync<PersonExposure.Result>(manager, $"/api/people/{w.Dan.Id}/exposure");
        Assert.Equal((0, 1, 0m), (dan.ExposedAccounts, dan.SoleContacts, dan.ClvAtStake));
        Assert.Equal([w.C3.Id], dan.Contacts.Select(c => c.ContactId));
    }

    [DbFact]
    public async Task A_manager_sees_the_people_of_their_region_ranked_and_no_one_elses()
    {
        var w = await CreateAsync();
        var manager = await app.SignInAsync(w.Manager);
        var manager2 = await app.SignInAsync(w.Manager2);
        var rep = await app.SignInAsync(w.Dan);

        var team = await GetAsync<TeamExposure.Result>(manager, "/api/people/exposure");
        var foreign = await manager2.GetAsync($"/api/people/{w.Sandy.Id}/exposure");
        var missing = await manager.GetAsync($"/api/people/{Guid.NewGuid()}/exposure");
        var byRep = await rep.GetAsync($"/api/people/{w.Sandy.Id}/exposure");
        var page = await manager.GetStringAsync("/people/exposure");
        var csv = await manager.GetStringAsync("/people/exposure?format=csv");

        // Kim holds 3 of A2's 5 interactions and none of its contacts: 250,000 × (0.6 + 0) / 2 = 75,000, just above Sandy.
        Assert.Equal([w.Kim.Id, w.Sandy.Id, w.Dan.Id], team.People.Select(p => p.PersonId));
        Assert.Equal((1, 0, 75_000m), (team.People[0].ExposedAccounts, team.People[0].SoleContacts, team.People[0].ClvAtStake));
        Assert.Equal((3, 2, 2, 74_166.67m), (team.People[1].AccountsMet, team.People[1].ExposedAccounts, team.People[1].SoleContacts, team.People[1].ClvAtStake));
        Assert.Equal((0, 1, 0m), (team.People[2].ExposedAccounts, team.People[2].SoleContacts, team.People[2].ClvAtStake));
        Assert.Equal(w.T.Region, Assert.Single(team.Regions).Region);
        Assert.DoesNotContain(team.People, p => p.PersonId == w.Other.Id);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byRep.StatusCode);
        Assert.Contains(w.Sandy.DisplayName, page);
        Assert.Contains("exposure-chart", page);
        Assert.DoesNotContain(w.Other.DisplayName, page);
        Assert.Contains("Person,Region,Active,Accounts met,Exposed accounts,Contacts only they met,CLV at stake", csv);
        Assert.Contains($"{w.Sandy.DisplayName},{w.T.Region},true,3,2,2,74166.67", csv);
    }

    [DbFact]
    public async Task The_handover_plan_assigns_each_exposed_account_by_the_rule_and_running_it_again_creates_nothing()
    {
        var w = await CreateAsync();
        // Sandy's own open multi-threading task on A3 is handed over, not duplicated.
        var sandysTask = await app.WithDbAsync(async (db, _) =>
        {
            var task = new EngagementTask
            {
                AccountId = w.A3.Id, AssigneeId = w.Sandy.Id, Playbook = Playbook.MultiThreadRelationship, Reason = "Raised by the recompute.",
                Status = EngagementTaskStatus.Open, SignalsAtRaise = """{"RepDependency":0}""",
            };
            db.EngagementTasks.Add(task);
            await db.SaveChangesAsync();
            return task;
        });
        var manager = await app.SignInAsync(w.Manager);
        var page = $"/people/{w.Sandy.Id}/exposure";
        var action = $"/people/{w.Sandy.Id}/handover-plan";

        var first = await AppFactory.PostFormAsync(manager, page, action, new Dictionary<string, string?>());
        var tasks = await TasksAsync(w);
        var second = await AppFactory.PostFormAsync(manager, page, action, new Dictionary<string, string?>());
        var again = await TasksAsync(w);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal($"/people/{w.Sandy.Id}/exposure#handover-plan", first.Headers.Location?.OriginalString);
        Assert.Equal(2, tasks.Count);
        var a1 = tasks.Single(t => t.AccountId == w.A1.Id);
        Assert.Equal((w.Dan.Id, EngagementTaskStatus.Open, 1, 54_166.67m), (a1.AssigneeId, a1.Status, a1.Priority, a1.ValueAtStake));
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(CreateHandoverPlan.DueInDays), a1.Due);
        Assert.Equal("""{"repDependency":30}""", a1.SignalsAtRaise, ignoreCase: true);
        Assert.Contains("Dr. Only Sandy", a1.Reason);
        Assert.DoesNotContain("Dr. Both", a1.Reason);
        var a3 = tasks.Single(t => t.AccountId == w.A3.Id);
        Assert.Equal((sandysTask.Id, w.Manager.Id), (a3.Id, a3.AssigneeId));
        Assert.DoesNotContain(tasks, t => t.AccountId == w.A2.Id);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(tasks.Select(t => (t.Id, t.AssigneeId)).Order(), again.Select(t => (t.Id, t.AssigneeId)).Order());

        var audit = await app.WithDbAsync(async (db, _) => await db.AuditEntries.Where(e => e.EntityId == a1.Id.ToString()).ToListAsync());
        Assert.Contains(audit, e => e.Field == nameof(EngagementTask.AssigneeId) && e.UserName == w.Manager.Email);

        // Dan's home: the task is his; the plan shows it and, once Dan meets Dr. Only Sandy, its progress.
        var danClient = await app.SignInAsync(w.Dan);
        var dansTasks = await GetAsync<ApiPage<TaskRow>>(danClient, "/api/tasks");
        Assert.Contains(dansTasks.Items, t => t.Id == a1.Id && t.PlaybookName == "Multi-thread the relationship");
        await VisitAsync(w.A1, w.Dan, DateTime.UtcNow.AddMinutes(-5), w.C1);
        var exposure = await GetAsync<PersonExposure.Result>(manager, $"/api/people/{w.Sandy.Id}/exposure");
        var item = exposure.Plan.Single(i => i.AccountId == w.A1.Id);
        Assert.Equal((w.Dan.Id, HandoverRule.SecondVisitor, 1, 1, 0.75, 30.0), (item.AssigneeId, item.Rule, item.SoleContactsAtPlan, item.NowMetByTwo, item.ShareBefore, item.DependencyScoreBefore));
        Assert.Equal(0.6667, item.ShareNow);
        Assert.Equal(HandoverRule.Manager, exposure.Plan.Single(i => i.AccountId == w.A3.Id).Rule);
    }

    [DbFact]
    public async Task Only_a_manager_creates_a_handover_plan_and_only_for_people_of_their_region()
    {
        var w = await CreateAsync();
        var executive = await app.CreateUserAsync(Roles.Executive);
        var manager2 = await app.SignInAsync(w.Manager2);
        var rep = await app.SignInAsync(w.Dan);

        var foreign = await AppFactory.PostWithSessionTokenAsync(manager2, "/people/exposure", $"/people/{w.Sandy.Id}/handover-plan", new Dictionary<string, string?>());
        var byRep = await AppFactory.PostWithSessionTokenAsync(rep, "/", $"/people/{w.Sandy.Id}/handover-plan", new Dictionary<string, string?>());
        var byExecutive = await Assert.ThrowsAsync<MedTechAccounts.Core.Infrastructure.ForbiddenException>(async () =>
            await app.SendAsAsync(TestUser.Of(executive, Roles.Executive), s => s.Send(new CreateHandoverPlan.Command(w.Sandy.Id))));

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, byRep.StatusCode);
        Assert.Contains("/account/denied", byRep.Headers.Location?.OriginalString);
        Assert.NotNull(byExecutive);
        Assert.Empty(await TasksAsync(w));
    }

    [DbFact]
    public async Task Reassigning_a_departing_reps_accounts_moves_their_open_tasks_and_refuses_a_stale_version()
    {
        var w = await CreateAsync();
        var openTask = await app.WithDbAsync(async (db, _) =>
        {
            var task = new EngagementTask
            {
                AccountId = w.A1.Id, AssigneeId = w.Sandy.Id, Playbook = Playbook.PostSaleCheckIn, Reason = "Check in.", Status = EngagementTaskStatus.Open,
            };
            db.EngagementTasks.Add(task);
            await db.SaveChangesAsync();
            return task;
        });
        var manager = await app.SignInAsync(w.Manager);
        var form = $"/people/{w.Sandy.Id}/reassign";
        var versions = await app.WithDbAsync(async (db, _) => await db.Accounts.Where(a => a.OwnerRepId == w.Sandy.Id).ToDictionaryAsync(a => a.Id, a => a.Version));

        var html = await manager.GetStringAsync(form);
        var foreignOwner = await AppFactory.PostFormAsync(manager, form, form, new Dictionary<string, string?>
        {
            ["Items[0].AccountId"] = w.A1.Id.ToString(), ["Items[0].Version"] = versions[w.A1.Id].ToString(), ["Items[0].NewOwnerId"] = w.Other.Id.ToString(),
        });
        var stale = await AppFactory.PostFormAsync(manager, form, form, new Dictionary<string, string?>
        {
            ["Items[0].AccountId"] = w.A1.Id.ToString(), ["Items[0].Version"] = Guid.NewGuid().ToString(), ["Items[0].NewOwnerId"] = w.Dan.Id.ToString(),
        });
        var done = await AppFactory.PostFormAsync(manager, form, form, new Dictionary<string, string?>
        {
            ["Items[0].AccountId"] = w.A1.Id.ToString(), ["Items[0].Version"] = versions[w.A1.Id].ToString(), ["Items[0].NewOwnerId"] = w.Dan.Id.ToString(),
            ["Items[1].AccountId"] = w.A2.Id.ToString(), ["Items[1].Version"] = versions[w.A2.Id].ToString(), ["Items[1].NewOwnerId"] = "",
        });

        Assert.Contains("Sandy General", html);
        Assert.Contains(w.Dan.DisplayName, html);
        Assert.DoesNotContain(w.Other.DisplayName, html);
        Assert.Equal(HttpStatusCode.BadRequest, foreignOwner.StatusCode);
        Assert.Contains("covers the account", await foreignOwner.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var owners = await app.WithDbAsync(async (db, _) => await db.Accounts.Where(a => a.Id == w.A1.Id || a.Id == w.A2.Id).ToDictionaryAsync(a => a.Id, a => a.OwnerRepId));
        Assert.Equal((w.Dan.Id, w.Sandy.Id), (owners[w.A1.Id], owners[w.A2.Id]));
        var moved = await app.WithDbAsync(async (db, _) => await db.EngagementTasks.AsNoTracking().SingleAsync(t => t.Id == openTask.Id));
        Assert.Equal(w.Dan.Id, moved.AssigneeId);
        var audit = await app.WithDbAsync(async (db, _) => await db.AuditEntries.Where(e => e.EntityId == w.A1.Id.ToString() && e.Field == nameof(Account.OwnerRepId)).ToListAsync());
        Assert.Contains(audit, e => e.NewValue == w.Dan.Id.ToString() && e.UserName == w.Manager.Email);
    }

    private Task<List<EngagementTask>> TasksAsync(World w) => app.WithDbAsync(async (db, _) =>
        await db.EngagementTasks.AsNoTracking().Where(t => t.AccountId == w.A1.Id || t.AccountId == w.A2.Id || t.AccountId == w.A3.Id)
            .Where(t => t.Playbook == Playbook.MultiThreadRelationship).ToListAsync());
}

public sealed class ExposureTestsOnSqlite(SqliteAppFactory app) : ExposureTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ExposureTestsOnPostgreSql(PostgreSqlAppFactory app) : ExposureTests(app), IClassFixture<PostgreSqlAppFactory>;

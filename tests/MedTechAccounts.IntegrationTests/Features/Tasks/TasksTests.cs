using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Tasks;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Features.Scoring;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Tasks;

/// <summary>Next best actions: my list ranked by value at stake, completing and dismissing with a note, who may close, playbook effects.</summary>
public abstract class TasksTests(AppFactory app)
{
    private sealed record World(HttpClient Client, ApplicationUser Rep, Account Own, Territory Mine, Territory Theirs);

    private async Task<World> SignedInRepAsync()
    {
        var region = $"R-{Guid.NewGuid():N}"[..12];
        var mine = await app.CreateTerritoryAsync(region);
        var theirs = await app.CreateTerritoryAsync(region);
        var rep = await app.CreateUserAsync(Roles.Rep, [mine.Id]);
        var own = await app.CreateAccountAsync(mine.Id, ownerRepId: rep.Id);
        var client = await app.SignInAsync(rep);
        await AdminClient.AddApiTokenAsync(client);
        return new World(client, rep, own, mine, theirs);
    }

    private Task<EngagementTask> StoredAsync(Guid id) => app.WithDbAsync(async (db, _) => await db.EngagementTasks.AsNoTracking().SingleAsync(t => t.Id == id));

    [DbFact]
    public async Task A_rep_lists_own_open_tasks_by_value_at_stake_and_completes_one_with_a_note()
    {
        var w = await SignedInRepAsync();
        var small = await app.TaskAsync(w.Own.Id, w.Rep.Id, 1200m);
        var large = await app.TaskAsync(w.Own.Id, w.Rep.Id, 48000m, Playbook.ContractRenewalConversation);
        var closed = await app.TaskAsync(w.Own.Id, w.Rep.Id, 90000m, status: EngagementTaskStatus.Done);
        var someoneElses = await app.TaskAsync(w.Own.Id, null, 70000m);
        var before = DateTime.UtcNow.AddSeconds(-5);

        var mine = await w.Client.GetFromJsonAsync<ApiPage<TaskRow>>("/api/tasks", Json.Options);
        var noNote = await w.Client.PostAsJsonAsync($"/api/tasks/{small.Id}/complete", new { small.Version, OutcomeNote = "  " }, Json.Options);
        var done = await w.Client.PostAsJsonAsync($"/api/tasks/{small.Id}/complete", new { small.Version, OutcomeNote = " Biomed review booked for May. " }, Json.Options);
        var twice = await w.Client.PostAsJsonAsync($"/api/tasks/{small.Id}/complete", new { small.Version, OutcomeNote = "Again." }, Json.Options);

        Assert.Equal([large.Id, small.Id], mine!.Items.Select(t => t.Id));
        Assert.DoesNotContain(mine.Items, t => t.Id == closed.Id || t.Id == someoneElses.Id);
        Assert.Equal((w.Own.Name, "Contract renewal conversation", large.Reason), (mine.Items[0].AccountName, mine.Items[0].PlaybookName, mine.Items[0].Reason));
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Equal(["OutcomeNote"], (await noNote.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var stored = await StoredAsync(small.Id);
        Assert.Equal((EngagementTaskStatus.Done, "Biomed review booked for May."), (stored.Status, stored.OutcomeNote));
        Assert.True(stored.ClosedAt >= before, "closed at the time of the request");
        var audit = await app.WithDbAsync(async (db, _) => await db.AuditEntries.Where(e => e.EntityId == small.Id.ToString()).ToListAsync());
        Assert.Contains(audit, e => e.Field == nameof(EngagementTask.Status) && e.NewValue == "Done" && e.UserName == w.Rep.Email);
    }

    [DbFact]
    public async Task A_stale_version_answers_409_and_leaves_the_task_open()
    {
        var w = await SignedInRepAsync();
        var task = await app.TaskAsync(w.Own.Id, w.Rep.Id, 5000m);

        var stale = await w.Client.PostAsJsonAsync($"/api/tasks/{task.Id}/dismiss", new { Version = Guid.NewGuid(), OutcomeNote = "Not relevant." }, Json.Options);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(EngagementTaskStatus.Open, (await StoredAsync(task.Id)).Status);
    }

    [DbFact]
    public async Task Another_reps_task_is_not_found_outside_the_territory_and_forbidden_inside_it()
    {
        var w = await SignedInRepAsync();
        var foreignAccount = await app.CreateAccountAsync(w.Theirs.Id);
        var foreign = await app.TaskAsync(foreignAccount.Id, null, 3000m);
        var colleague = await app.CreateUserAsync(Roles.Rep, [w.Mine.Id]);
        var colleaguesTask = await app.TaskAsync(w.Own.Id, colleague.Id, 3000m);

        var notFound = await w.Client.PostAsJsonAsync($"/api/tasks/{foreign.Id}/complete", new { foreign.Version, OutcomeNote = "Done." }, Json.Options);
        var forbidden = await w.Client.PostAsJsonAsync($"/api/tasks/{colleaguesTask.Id}/dismiss", new { colleaguesTask.Version, OutcomeNote = "Mine now." }, Json.Options);

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(EngagementTaskStatus.Open, (await StoredAsync(foreign.Id)).Status);
        Assert.Equal(EngagementTaskStatus.Open, (await StoredAsync(colleaguesTask.Id)).Status);
    }

    [DbFact]
    public async Task The_home_page_shows_the_five_with_most_at_stake_and_links_to_all_my_tasks_paged()
    {
        var w = await SignedInRepAsync();
        var tasks = new List<EngagementTask>();
        for (var i = 0; i < 7; i++)
        {
            // One open task per account and playbook, as the playbooks raise them.
            var account = await app.CreateAccountAsync(w.Mine.Id, ownerRepId: w.Rep.Id);
            tasks.Add(await app.TaskAsync(account.Id, w.Rep.Id, 1000m * (i + 1)));
        }

        var home = await w.Client.GetStringAsync("/");
        var all = await w.Client.GetStringAsync("/tasks");
        var second = await w.Client.GetStringAsync("/tasks?pageSize=4&page=2");

        Assert.Contains("<a href=\"/tasks\">All 7 open tasks</a>", home);
        Assert.All(tasks.Skip(2), t => Assert.Contains(t.Reason, home));
        Assert.All(tasks.Take(2), t => Assert.DoesNotContain(t.Reason, home));
        Assert.All(tasks, t => Assert.Contains(t.Reason, all));
        Assert.All(tasks.Take(3), t => Assert.Contains(t.Reason, second));
        Assert.All(tasks.Skip(3), t => Assert.DoesNotContain(t.Reason, second));
        var done = await AppFactory.PostFormAsync(w.Client, "/tasks?pageSize=4&page=2", $"/tasks/{tasks[0].Id}/complete",
            new Dictionary<string, string?> { ["Version"] = tasks[0].Version.ToString(), ["OutcomeNote"] = "Called the biomed lead back.", ["returnUrl"] = "/tasks?page=2" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/tasks?page=2", done.Headers.Location!.OriginalString);
        Assert.DoesNotContain(tasks[0].Reason, await w.Client.GetStringAsync("/tasks"));
    }

    [DbFact]
    public async Task The_home_page_lists_my_next_best_actions_and_completes_one_through_its_form()
    {
        var w = await SignedInRepAsync();
        var task = await app.TaskAsync(w.Own.Id, w.Rep.Id, 25000m);

        var home = await w.Client.GetStringAsync("/");
        var empty = await AppFactory.PostFormAsync(w.Client, "/", $"/tasks/{task.Id}/complete",
            new Dictionary<string, string?> { ["Version"] = task.Version.ToString(), ["OutcomeNote"] = "", ["returnUrl"] = "/" });
        var done = await AppFactory.PostFormAsync(w.Client, "/", $"/tasks/{task.Id}/complete",
            new Dictionary<string, string?> { ["Version"] = task.Version.ToString(), ["OutcomeNote"] = "Service manager called back.", ["returnUrl"] = "/" });

        Assert.Contains("My next best actions", home);
        Assert.Contains(task.Reason, home);
        Assert.Contains("25,000 at stake", home);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Say what was done and what came of it.", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/", done.Headers.Location!.OriginalString);
        Assert.Equal(EngagementTaskStatus.Done, (await StoredAsync(task.Id)).Status);
        var account = await w.Client.GetStringAsync($"/accounts/{w.Own.Id}");
        Assert.Contains("Service manager called back.", account);
    }

    [DbFact]
    public async Task A_manager_sees_playbook_effects_of_the_region_and_closes_a_reps_task()
    {
        var w = await SignedInRepAsync();
        var manager = await app.CreateUserAsync(Roles.Manager, region: w.Mine.Region);
        var client = await app.SignInAsync(manager);
        await AdminClient.AddApiTokenAsync(client);
        await app.TaskAsync(w.Own.Id, w.Rep.Id, 1000m, Playbook.PostSaleCheckIn, EngagementTaskStatus.Done,
            """{"PostSaleSilence":30}""", """{"PostSaleSilence":70}""");
        await app.TaskAsync(w.Own.Id, w.Rep.Id, 1000m, Playbook.PostSaleCheckIn, EngagementTaskStatus.Done,
            """{"PostSaleSilence":40}""", """{"PostSaleSilence":30}""");
        await app.TaskAsync(w.Own.Id, w.Rep.Id, 1000m, Playbook.PostSaleCheckIn, EngagementTaskStatus.Dismissed);
        var open = await app.TaskAsync(w.Own.Id, w.Rep.Id, 1000m, Playbook.PostSaleCheckIn);

        var effects = await client.GetFromJsonAsync<PlaybookEffects.Result>("/api/tasks/effects", Json.Options);
        var page = await client.GetAsync("/tasks/effects");
        var repPage = await w.Client.GetAsync("/tasks/effects");
        var closed = await client.PostAsJsonAsync($"/api/tasks/{open.Id}/dismiss", new { open.Version, OutcomeNote = "Account merged into its IDN." }, Json.Options);

        var row = effects!.Rows.Single(r => r.Playbook == Playbook.PostSaleCheckIn);
        Assert.Equal((1, 2, 1, 2, 15.0, 0.5), (row.Open, row.Done, row.Dismissed, row.WithResult, row.MeanSignalChange, row.ShareImproved));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("15.0 points", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, repPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(EngagementTaskStatus.Dismissed, (await StoredAsync(open.Id)).Status);
        var reference = await client.GetStringAsync("/api/reference");
        Assert.Contains("/api/tasks/{id}/complete", reference);
        Assert.Contains("/api/tasks/effects", reference);
        Assert.Contains("/api/accounts/{id}/health", reference);
    }
}

public sealed class TasksTestsOnSqlite(SqliteAppFactory app) : TasksTests(app), IClassFixture<SqliteAppFactory>;

public sealed class TasksTestsOnPostgreSql(PostgreSqlAppFactory app) : TasksTests(app), IClassFixture<PostgreSqlAppFactory>;

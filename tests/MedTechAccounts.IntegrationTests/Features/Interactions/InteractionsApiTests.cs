using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Interactions;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.IntegrationTests.Features.Interactions;

/// <summary>/api/interactions: idempotent logging on the client's id, edits with versions, lists and scoping.</summary>
public abstract class InteractionsApiTests(AppFactory app)
{
    private async Task<(InteractionWorld World, HttpClient Client)> SignedInAsync(InteractionWorld? world = null, ApplicationUser? user = null)
    {
        world ??= await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(user ?? world.Rep);
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await AppFactory.AntiforgeryTokenAsync(client, "/accounts/new"));
        return (world, client);
    }

    private Task<int> CountAsync(Guid id) => app.WithDbAsync(async (db, _) => await db.Interactions.CountAsync(i => i.Id == id));

    [DbFact]
    public async Task Logging_the_same_visit_twice_stores_one_interaction_and_answers_success_both_times()
    {
        var (world, client) = await SignedInAsync();
        var id = Guid.NewGuid();
        var body = world.ApiVisit(id);

        var first = await client.PostAsJsonAsync("/api/interactions", body, Json.Options);
        var second = await client.PostAsJsonAsync("/api/interactions", body, Json.Options);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal($"/api/interactions/{id}", first.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        var logged = await second.Content.ReadFromJsonAsync<InteractionDetails.Result>(Json.Options);
        Assert.Equal(id, logged!.Id);
        Assert.Equal(world.Rep.Id, logged.RepId);
        Assert.Equal(InteractionSource.Tablet, logged.Source);
        Assert.Equal(["Alarm fatigue on night shifts", "Too many cables at the bedside"], logged.VoiceOfCustomer);
        Assert.Empty(logged.Warnings);
        Assert.Equal(1, await CountAsync(id));
    }

    [DbFact]
    public async Task A_different_body_under_a_stored_id_answers_409_and_changes_nothing()
    {
        var (world, client) = await SignedInAsync();
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/interactions", world.ApiVisit(id, sentiment: 1), Json.Options)).StatusCode);
        var auditBefore = await app.WithDbAsync(async (db, _) => await db.AuditEntries.CountAsync(e => e.EntityId == id.ToString()));

        var conflict = await client.PostAsJsonAsync("/api/interactions", world.ApiVisit(id, notes: "Something else entirely", sentiment: -2), Json.Options);

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var problem = await conflict.Content.ReadFromJsonAsync<Problem>(Json.Options);
        Assert.Contains("already logged with different content", problem!.Detail);
        var stored = await client.GetFromJsonAsync<InteractionDetails.Result>($"/api/interactions/{id}", Json.Options);
        Assert.Equal(1, stored!.Sentiment);
        Assert.Equal("Pump alarms after the firmware update.", stored.Notes);
        Assert.Equal(auditBefore, await app.WithDbAsync(async (db, _) => await db.AuditEntries.CountAsync(e => e.EntityId == id.ToString())));
    }

    [DbFact]
    public async Task Five_simultaneous_identical_posts_store_one_interaction_and_all_succeed()
    {
        var (world, client) = await SignedInAsync();
        var id = Guid.NewGuid();
        var body = world.ApiVisit(id);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.PostAsJsonAsync("/api/interactions", body, Json.Options)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"answered {(int)r.StatusCode}"));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await CountAsync(id));
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.InteractionContacts.CountAsync(c => c.InteractionId == id)));
    }

    [DbFact]
    public async Task Simultaneous_new_visits_to_an_account_without_a_stale_mark_all_succeed_and_leave_one_mark()
    {
        var (world, client) = await SignedInAsync();
        await app.WithDbAsync(async db => await db.StaleAccounts.Where(s => s.AccountId == world.Account.Id).ExecuteDeleteAsync());
        var ids = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();

        // Each writer finds no mark; before the marks were one upsert, two of them inserted it (500 on PostgreSQL).
        var responses = await Task.WhenAll(ids.Select(id => client.PostAsJsonAsync("/api/interactions", world.ApiVisit(id), Json.Options)));

        Assert.All(responses, r => Assert.True(r.StatusCode == HttpStatusCode.Created, $"answered {(int)r.StatusCode}"));
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.StaleAccounts.CountAsync(s => s.AccountId == world.Account.Id)));
        Assert.Equal(ids.Count, await app.WithDbAsync(async (db, _) => await db.Interactions.CountAsync(i => ids.Contains(i.Id))));
    }

    private Task<int> AuditCountAsync(Guid id) =>
        app.WithDbAsync(async (db, _) => await db.AuditEntries.CountAsync(e => e.EntityId == id.ToString()));

    private const string FlaggedNotes = "Alarm on MRN 1234567, DOB 01/02/1960";

    [DbFact]
    public async Task Notes_with_patient_identifiers_are_held_with_422_naming_each_reason_and_nothing_is_stored_or_audited()
    {
        var (world, client) = await SignedInAsync();
        var id = Guid.NewGuid();

        var response = await client.PostAsJsonAsync("/api/interactions", world.ApiVisit(id, notes: FlaggedNotes), Json.Options);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
        Assert.Equal(422, problem!.Status);
        Assert.Equal(["Notes"], problem.Errors.Keys.ToArray());
        Assert.Equal(
            ["The notes look like they contain a medical record number.", "The notes look like they contain a date of birth."],
            problem.Errors["Notes"]);
        Assert.Equal(0, await CountAsync(id));
        Assert.Equal(0, await AuditCountAsync(id));
    }

    [DbFact]
    public async Task Confirmed_notes_with_patient_identifiers_are_stored_with_warnings_and_a_replay_is_answered_as_before()
    {
        var (world, client) = await SignedInAsync();
        var id = Guid.NewGuid();
        var confirmed = world.ApiVisit(id, notes: "Call patient John Smith about the pump", confirmedNoPatientInformation: true);

        var response = await client.PostAsJsonAsync("/api/interactions", confirmed, Json.Options);
        var replay = await client.PostAsJsonAsync("/api/interactions", confirmed, Json.Options);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var logged = await response.Content.ReadFromJsonAsync<InteractionDetails.Result>(Json.Options);
        Assert.Contains(logged!.Warnings, w => w.Contains("name a patient", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(await response.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountAsync(id));
    }

    [DbFact]
    public async Task A_replay_of_a_stored_visit_without_the_confirmation_is_answered_from_the_stored_visit_not_held()
    {
        var (world, client) = await SignedInAsync();
        var id = Guid.NewGuid();
        var body = System.Text.Json.JsonSerializer.SerializeToNode(
            world.ApiVisit(id, notes: FlaggedNotes, confirmedNoPatientInformation: true), Json.Options)!.AsObject();
        var first = await client.PostAsJsonAsync("/api/interactions", body, Json.Options);
        var auditAfterFirst = await AuditCountAsync(id);

        // The confirmation is not part of the visit's content: the same visit sent again without it is a replay.
        Assert.True(body.Remove("confirmedNoPatientInformation"));
        var replay = await client.PostAsJsonAsync("/api/interactions", body, Json.Options);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(1, await CountAsync(id));
        Assert.Equal(auditAfterFirst, await AuditCountAsync(id));
    }

    [DbFact]
    public async Task An_edit_to_notes_with_patient_identifiers_is_held_with_422_until_confirmed()
    {
        var (world, client) = await SignedInAsync();
        var id = Guid.NewGuid();
        var created = await (await client.PostAsJsonAsync("/api/interactions", world.ApiVisit(id), Json.Options))
            .Content.ReadFromJsonAsync<InteractionDetails.Result>(Json.Options);
        var auditBefore = await AuditCountAsync(id);
        object Edit(bool confirmed) => new
        {
            created!.AccountId, created.OccurredAt, created.Type, created.ContactIds, created.DeviceIds, Notes = "Pt Mary Jones in room 412 had an alarm",
            created.VoiceOfCustomer, created.Sentiment, created.NextStep, created.NextStepDue, created.Version,
            ConfirmedNoPatientInformation = confirmed,
        };

        var held = await client.PutAsJsonAsync($"/api/interactions/{id}", Edit(confirmed: false), Json.Options);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, held.StatusCode);
        var problem = await held.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
        Assert.Equal(["The notes look like they name a patient."], problem!.Errors["Notes"]);
        var stored = await client.GetFromJsonAsync<InteractionDetails.Result>($"/api/interactions/{id}", Json.Options);
        Assert.Equal("Pump alarms after the firmware update.", stored!.Notes);
        Assert.Equal(created!.Version, stored.Version);
        Assert.Equal(auditBefore, await AuditCountAsync(id));

        var saved = await client.PutAsJsonAsync($"/api/interactions/{id}", Edit(confirmed: true), Json.Options);

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Equal("Pt Mary Jones in room 412 had an alarm",
            (await client.GetFromJsonAsync<InteractionDetails.Result>($"/api/interactions/{id}", Json.Options))!.Notes);
    }

    [DbFact]
    public async Task Bad_input_answers_problem_details_naming_each_field()
    {
        var (world, client) = await SignedInAsync();

        var response = await client.PostAsJsonAsync("/api/interactions", new
        {
            Id = Guid.NewGuid(), AccountId = world.Account.Id, OccurredAt = DateTime.UtcNow.AddHours(2), Type = "Visit",
            Sentiment = 5, NextStepDue = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3), ContactIds = new[] { world.ForeignContact.Id },
        }, Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
        Assert.Equal(["ContactIds", "NextStep", "OccurredAt", "Sentiment"], problem!.Errors.Keys.Order().ToArray());
    }

    [DbFact]
    public async Task The_author_edits_with_the_version_read_and_a_stale_version_gets_409()
    {
        var (world, client) = await SignedInAsync();
        var id = Guid.NewGuid();
        var created = await (await client.PostAsJsonAsync("/api/interactions", world.ApiVisit(id), Json.Options))
            .Content.ReadFromJsonAsync<InteractionDetails.Result>(Json.Options);
        object Edit(string notes) => new
        {
            created!.AccountId, created.OccurredAt, created.Type, ContactIds = Array.Empty<Guid>(), created.DeviceIds, Notes = notes,
            created.VoiceOfCustomer, Sentiment = -1, created.NextStep, created.NextStepDue, created.Version,
        };

        var first = await client.PutAsJsonAsync($"/api/interactions/{id}", Edit("Corrected notes"), Json.Options);
        var second = await client.PutAsJsonAsync($"/api/interactions/{id}", Edit("Stale notes"), Json.Options);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var stored = await client.GetFromJsonAsync<InteractionDetails.Result>($"/api/interactions/{id}", Json.Options);
        Assert.Equal("Corrected notes", stored!.Notes);
        Assert.Equal(-1, stored.Sentiment);
        Assert.Empty(stored.ContactIds);
        Assert.NotEqual(created!.Version, stored.Version);
        var audit = await app.WithDbAsync(async (db, _) => await db.AuditEntries
            .Where(e => e.Entity == nameof(Interaction) && e.EntityId == id.ToString() && e.Action == AuditAction.Update).ToListAsync());
        Assert.Contains(audit, e => e.Field == nameof(Interaction.Notes) && e.OldValue == "Pump alarms after the firmware update." && e.NewValue == "Corrected notes");

        // The original request replayed after the edit still succeeds (the tablet retrying), and does not undo the edit.
        var replay = await client.PostAsJsonAsync("/api/interactions", world.ApiVisit(id), Json.Options);
        Assert.True(replay.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.Conflict);
    }

    [DbFact]
    public async Task Another_rep_may_not_edit_but_a_manager_of_the_region_may()
    {
        var (world, client) = await SignedInAsync();
        var id = Guid.NewGuid();
        var created = await (await client.PostAsJsonAsync("/api/interactions", world.ApiVisit(id), Json.Options))
            .Content.ReadFromJsonAsync<InteractionDetails.Result>(Json.Options);
        object Edit(string notes) => new
        {
            created!.AccountId, created.OccurredAt, created.Type, created.ContactIds, created.DeviceIds, Notes = notes,
            created.VoiceOfCustomer, created.Sentiment, created.NextStep, created.NextStepDue, created.Version,
        };
        var colleague = await app.CreateUserAsync(Roles.Rep, [world.Territory.Id]);
        var manager = await app.CreateUserAsync(Roles.Manager, region: world.Territory.Region);
        var (_, colleagueClient) = await SignedInAsync(world, colleague);
        var (_, managerClient) = await SignedInAsync(world, manager);

        var byColleague = await colleagueClient.PutAsJsonAsync($"/api/interactions/{id}", Edit("Colleague edit"), Json.Options);
        var byManager = await managerClient.PutAsJsonAsync($"/api/interactions/{id}", Edit("Manager edit"), Json.Options);

        Assert.Equal(HttpStatusCode.Forbidden, byColleague.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byManager.StatusCode);
    }

    [DbFact]
    public async Task The_list_filters_by_account_time_and_type_and_pages()
    {
        var (world, client) = await SignedInAsync();
        var now = DateTime.UtcNow;
        foreach (var (minutesAgo, type) in new[] { (30, "Visit"), (90, "Call"), (60 * 24 * 3, "Visit") })
        {
            var response = await client.PostAsJsonAsync("/api/interactions", new
            {
                Id = Guid.NewGuid(), AccountId = world.Account.Id, OccurredAt = now.AddMinutes(-minutesAgo), Type = type,
            }, Json.Options);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var all = await client.GetFromJsonAsync<ApiPage<InteractionList.Row>>($"/api/interactions?accountId={world.Account.Id}", Json.Options);
        var visits = await client.GetFromJsonAsync<ApiPage<InteractionList.Row>>($"/api/interactions?accountId={world.Account.Id}&type=Visit", Json.Options);
        var window = await client.GetFromJsonAsync<ApiPage<InteractionList.Row>>(
            $"/api/interactions?accountId={world.Account.Id}&from={now.AddDays(-1):O}&to={now:O}", Json.Options);
        var paged = await client.GetFromJsonAsync<ApiPage<InteractionList.Row>>($"/api/interactions?accountId={world.Account.Id}&page=2&pageSize=2", Json.Options);

        Assert.Equal(3, all!.TotalCount);
        Assert.True(all.Items[0].OccurredAt > all.Items[1].OccurredAt);
        Assert.Equal(2, visits!.TotalCount);
        Assert.Equal(2, window!.TotalCount);
        Assert.Single(paged!.Items);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/interactions?pageSize=0")).StatusCode);
    }

    [DbFact]
    public async Task Foreign_accounts_and_interactions_answer_404_on_every_interaction_route()
    {
        var (world, client) = await SignedInAsync();
        var foreignId = Guid.NewGuid();
        var outsider = await app.CreateUserAsync(Roles.Rep, [world.Foreign.TerritoryId]);
        await app.SendAsAsync(TestUser.Of(outsider, Roles.Rep), s => s.Send(new LogVisit.Command
        {
            Id = foreignId, AccountId = world.Foreign.Id, OccurredAt = DateTime.UtcNow.AddMinutes(-5), NextStep = "Theirs",
        }));
        var foreignVersion = await app.WithDbAsync(async (db, _) => (await db.Interactions.SingleAsync(i => i.Id == foreignId)).Version);

        foreach (var url in new[] { $"/api/interactions/{foreignId}", $"/accounts/{world.Foreign.Id}/visits/new" })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} answered {(int)response.StatusCode}");
        }

        var list = await client.GetFromJsonAsync<ApiPage<InteractionList.Row>>($"/api/interactions?accountId={world.Foreign.Id}", Json.Options);
        Assert.Equal(0, list!.TotalCount);

        var post = await client.PostAsJsonAsync("/api/interactions", new { Id = Guid.NewGuid(), AccountId = world.Foreign.Id, OccurredAt = DateTime.UtcNow, Type = "Visit" }, Json.Options);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var put = await client.PutAsJsonAsync($"/api/interactions/{foreignId}", new { AccountId = world.Foreign.Id, OccurredAt = DateTime.UtcNow, Type = "Call", Version = foreignVersion }, Json.Options);
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        var done = await client.PostAsJsonAsync($"/api/interactions/{foreignId}/next-step/done", new { Version = foreignVersion }, Json.Options);
        Assert.Equal(HttpStatusCode.NotFound, done.StatusCode);

        var token = await AppFactory.AntiforgeryTokenAsync(client, "/accounts/new");
        var form = await client.PostAsync($"/accounts/{world.Foreign.Id}/visits/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Id"] = Guid.NewGuid().ToString(), ["OccurredAt"] = DateTime.UtcNow.ToString("O"), ["Type"] = "Visit",
        }));
        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
        var complete = await client.PostAsync($"/interactions/{foreignId}/next-step/done", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Version"] = foreignVersion.ToString(),
        }));
        Assert.Equal(HttpStatusCode.NotFound, complete.StatusCode);

        // A foreign id reused on one's own account does not reveal or touch the other interaction.
        var reuse = await client.PostAsJsonAsync("/api/interactions", world.ApiVisit(foreignId), Json.Options);
        Assert.Equal(HttpStatusCode.Conflict, reuse.StatusCode);
        Assert.Equal("Theirs", await app.WithDbAsync(async (db, _) => (await db.Interactions.SingleAsync(i => i.Id == foreignId)).NextStep));
    }
}

public sealed class InteractionsApiTestsOnSqlite(SqliteAppFactory app) : InteractionsApiTests(app), IClassFixture<SqliteAppFactory>
{
    /// <summary>SQLite has one writer; this node queues its writes on <see cref="SqliteWriteGate"/>. A replay must not queue.</summary>
    [DbFact]
    public async Task An_identical_replay_is_answered_while_another_write_holds_the_lock_and_a_new_visit_waits_for_it()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await AppFactory.AntiforgeryTokenAsync(client, "/accounts/new"));
        var stored = world.ApiVisit(Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/interactions", stored, Json.Options)).StatusCode);

        var gate = app.Services.GetRequiredService<SqliteWriteGate>();
        HttpResponseMessage replay;
        Task<HttpResponseMessage> fresh;
        await using (await app.WithDbAsync((db, _) => gate.EnterAsync(db, CancellationToken.None).AsTask()))
        {
            replay = await client.PostAsJsonAsync("/api/interactions", stored, Json.Options).WaitAsync(TimeSpan.FromSeconds(30));
            fresh = client.PostAsJsonAsync("/api/interactions", world.ApiVisit(Guid.NewGuid()), Json.Options);
            await Task.Delay(300);
            Assert.False(fresh.IsCompleted, "a new visit was written while another writer held the lock");
        }

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fresh.WaitAsync(TimeSpan.FromSeconds(30))).StatusCode);
    }
}

public sealed class InteractionsApiTestsOnPostgreSql(PostgreSqlAppFactory app) : InteractionsApiTests(app), IClassFixture<PostgreSqlAppFactory>;

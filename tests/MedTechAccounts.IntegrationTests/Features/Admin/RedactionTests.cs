using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Features.Interactions;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Admin;

/// <summary>
/// A compliance officer redacts a stored note: the text leaves the interaction, its audit copies and every page, export
/// and API answer that showed it; one audit entry keeps who, when and why; the database allows no other audit change.
/// </summary>
public abstract class RedactionTests(AppFactory app)
{
    private const string Reason = "Patient name typed into the notes by mistake (ticket 4711)";

    /// <summary>A cookie client that carries the API antiforgery header, as the app's pages do.</summary>
    private async Task<HttpClient> SignedInAsync(ApplicationUser user)
    {
        var client = await app.SignInAsync(user);
        await AdminClient.AddApiTokenAsync(client);
        return client;
    }

    /// <summary>A visit logged through the API as the tablet's outbox does, then corrected, both times with the sentinel in its notes.</summary>
    private async Task<(InteractionWorld World, Guid Id, string Sentinel)> VisitWithPatientNameAsync()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var rep = await SignedInAsync(world.Rep);
        var id = Guid.NewGuid();
        var sentinel = $"Mary Quill {Guid.NewGuid():N}"[..24];
        var logged = await rep.PostAsJsonAsync("/api/interactions", world.ApiVisit(id, notes: $"pt {sentinel} in room 412", confirmedNoPatientInformation: true), Json.Options);
        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        var version = await app.WithDbAsync(async (db, _) => (await db.Interactions.FindAsync(id))!.Version);
        var edited = await rep.PutAsJsonAsync($"/api/interactions/{id}", new
        {
            Version = version,
            AccountId = world.Account.Id,
            Type = "Visit",
            OccurredAt = DateTime.UtcNow.AddMinutes(-10),
            ContactIds = new[] { world.Contact.Id },
            DeviceIds = new[] { world.Device.Id },
            Notes = $"pt {sentinel} in room 412, follow-up on the pump",
            Sentiment = 1,
            ConfirmedNoPatientInformation = true,
        }, Json.Options);
        Assert.Equal(HttpStatusCode.NoContent, edited.StatusCode);
        return (world, id, sentinel);
    }

    /// <summary>Every place an admin can read the visit's notes: the API, the pages, the audit log and the exports.</summary>
    private static async Task<Dictionary<string, string>> EverythingShownAsync(HttpClient admin, InteractionWorld world, Guid id)
    {
        var shown = new Dictionary<string, string>();
        foreach (var url in new[]
        {
            $"/api/interactions/{id}",
            $"/api/interactions?AccountId={world.Account.Id}",
            $"/api/audit?Entity=Interaction&EntityId={id}&PageSize=100",
            $"/admin/audit?Entity=Interaction&EntityId={id}",
            $"/admin/audit?Entity=Interaction&EntityId={id}&format=csv",
            $"/interactions/{id}/edit",
            $"/accounts/{world.Account.Id}",
            "/admin/interchange/export/interactions",
        })
        {
            var response = await admin.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            shown[url] = await response.Content.ReadAsStringAsync();
        }

        return shown;
    }

    [DbFact]
    public async Task A_redaction_removes_the_note_from_the_visit_its_audit_copies_and_every_answer_and_records_who_when_and_why()
    {
        var (world, id, sentinel) = await VisitWithPatientNameAsync();
        var (admin, officer) = await app.SignedInAdminAsync();
        var before = await EverythingShownAsync(admin, world, id);

        var redacted = await admin.PostAsJsonAsync($"/api/interactions/{id}/redactions", new { Reason }, Json.Options);

        Assert.Equal(HttpStatusCode.NoContent, redacted.StatusCode);
        Assert.Contains(before, page => page.Value.Contains(sentinel, StringComparison.Ordinal));
        var after = await EverythingShownAsync(admin, world, id);
        Assert.All(after, page => Assert.False(page.Value.Contains(sentinel, StringComparison.Ordinal), $"{page.Key} still shows the text"));
        Assert.Contains(AuditEntry.RedactionMarker, after[$"/api/interactions/{id}"]);
        Assert.Equal(AuditEntry.RedactionMarker, await app.WithDbAsync(async (db, _) => (await db.Interactions.FindAsync(id))!.Notes));
        var audit = await app.WithDbAsync(async (db, _) => await db.AuditEntries.Where(e => e.EntityId == id.ToString()).ToListAsync());
        Assert.DoesNotContain(audit, e => (e.OldValue ?? "").Contains(sentinel, StringComparison.Ordinal) || (e.NewValue ?? "").Contains(sentinel, StringComparison.Ordinal));
        Assert.False(await app.WithDbAsync(async (db, _) => await db.AuditEntries.AnyAsync(e => e.OldValue!.Contains(sentinel) || e.NewValue!.Contains(sentinel))));
        var copies = audit.Where(e => e.Field == nameof(Interaction.Notes) && e.Action != AuditAction.Redact).ToList();
        Assert.Equal([AuditAction.Insert, AuditAction.Update], copies.OrderBy(e => e.Id).Select(e => e.Action));
        Assert.All(copies, e => Assert.All(new[] { e.OldValue, e.NewValue }.OfType<string>(), v => Assert.Equal(AuditEntry.RedactionMarker, v)));
        var record = Assert.Single(audit, e => e.Action == AuditAction.Redact);
        Assert.Equal((officer.Id, officer.Email, nameof(Interaction), nameof(Interaction.Notes), Reason), (record.UserId, record.UserName, record.Entity, record.Field, record.NewValue));
        Assert.Null(record.OldValue);
        Assert.True((DateTime.UtcNow - record.At).Duration() < TimeSpan.FromMinutes(5));
        Assert.Contains(Reason, after[$"/admin/audit?Entity=Interaction&EntityId={id}"]);
    }

    [DbFact]
    public async Task The_form_on_the_audit_page_redacts_too_and_asks_for_a_reason()
    {
        var (_, id, sentinel) = await VisitWithPatientNameAsync();
        var (admin, _) = await app.SignedInAdminAsync();
        var form = $"/admin/audit/interactions/{id}/redactions/new";
        var action = $"/admin/audit/interactions/{id}/redactions";

        Assert.Contains(form, await admin.GetStringAsync($"/admin/audit?Entity=Interaction&EntityId={id}"));
        var withoutReason = await AppFactory.PostFormAsync(admin, form, action, new Dictionary<string, string?> { ["Reason"] = " " });
        var stillThere = await app.WithDbAsync(async (db, _) => (await db.Interactions.FindAsync(id))!.Notes);
        var done = await AppFactory.PostFormAsync(admin, form, action, new Dictionary<string, string?> { ["Reason"] = Reason });

        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Contains("Say why the notes are redacted.", await withoutReason.Content.ReadAsStringAsync());
        Assert.Contains(sentinel, stillThere);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal($"/admin/audit?Entity=Interaction&EntityId={id}", done.Headers.Location!.OriginalString);
        Assert.Equal(AuditEntry.RedactionMarker, await app.WithDbAsync(async (db, _) => (await db.Interactions.FindAsync(id))!.Notes));
    }

    [DbFact]
    public async Task Only_an_admin_redacts_with_a_reason_and_an_antiforgery_token_and_a_missing_visit_answers_404()
    {
        var (world, id, sentinel) = await VisitWithPatientNameAsync();
        var manager = await app.CreateUserAsync(Roles.Manager, [world.Territory.Id], world.Territory.Region);
        var (admin, _) = await app.SignedInAdminAsync();
        var url = $"/api/interactions/{id}/redactions";
        var body = new { Reason };

        var byRep = await (await SignedInAsync(world.Rep)).PostAsJsonAsync(url, body, Json.Options);
        var byManager = await (await SignedInAsync(manager)).PostAsJsonAsync(url, body, Json.Options);
        var missing = await admin.PostAsJsonAsync($"/api/interactions/{Guid.NewGuid()}/redactions", body, Json.Options);
        var noReason = await admin.PostAsJsonAsync(url, new { Reason = "" }, Json.Options);
        admin.DefaultRequestHeaders.Remove("RequestVerificationToken");
        var noToken = await admin.PostAsJsonAsync(url, body, Json.Options);

        Assert.Equal(HttpStatusCode.Forbidden, byRep.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byManager.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(["Reason"], (await noReason.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Contains(sentinel, await app.WithDbAsync(async (db, _) => (await db.Interactions.FindAsync(id))!.Notes));
        Assert.False(await app.WithDbAsync(async (db, _) => await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Redact && e.EntityId == id.ToString())));
    }

    [DbFact]
    public async Task The_database_lets_an_audit_entry_change_only_by_the_redaction_marker_in_its_values()
    {
        var (_, id, sentinel) = await VisitWithPatientNameAsync();
        var key = id.ToString();
        var notes = await app.WithDbAsync(async (db, _) => await db.AuditEntries.Where(e => e.EntityId == key && e.Field == "Notes" && e.OldValue != null).Select(e => e.Id).SingleAsync());
        var inserted = await app.WithDbAsync(async (db, _) => await db.AuditEntries.Where(e => e.EntityId == key && e.Field == "Sentiment").Select(e => e.Id).FirstAsync());
        IQueryable<AuditEntry> Entry(Core.Data.AppDbContext db, long entryId) => db.AuditEntries.Where(e => e.Id == entryId);
        var marker = AuditEntry.RedactionMarker;

        // Raw statements, past the app: only the database's trigger can tell them apart.
        var refused = new Dictionary<string, Func<Core.Data.AppDbContext, Task>>
        {
            ["another text"] = db => Entry(db, notes).ExecuteUpdateAsync(u => u.SetProperty(e => e.NewValue, "tampered")),
            ["the marker and another column"] = db => Entry(db, notes).ExecuteUpdateAsync(u => u.SetProperty(e => e.NewValue, marker).SetProperty(e => e.UserName, "someone")),
            ["the marker and the field"] = db => Entry(db, notes).ExecuteUpdateAsync(u => u.SetProperty(e => e.NewValue, marker).SetProperty(e => e.Field, "Sentiment")),
            ["the marker where there was no value"] = db => Entry(db, inserted).ExecuteUpdateAsync(u => u.SetProperty(e => e.OldValue, marker)),
            ["a value emptied"] = db => Entry(db, notes).ExecuteUpdateAsync(u => u.SetProperty(e => e.OldValue, (string?)null)),
            ["a delete"] = db => Entry(db, notes).ExecuteDeleteAsync(),
        };
        foreach (var (what, statement) in refused)
        {
            var error = await Record.ExceptionAsync(() => app.WithDbAsync(db => statement(db)));
            Assert.True(error?.Message.Contains("append-only", StringComparison.Ordinal) == true, $"{what}: {error?.Message ?? "allowed"}");
        }

        var unchanged = await app.WithDbAsync(async (db, _) => await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == notes));
        Assert.Contains(sentinel, unchanged.NewValue);
        Assert.Contains(sentinel, unchanged.OldValue);
        await app.WithDbAsync(db => Entry(db, notes).ExecuteUpdateAsync(u => u.SetProperty(e => e.OldValue, marker).SetProperty(e => e.NewValue, marker)));
        var redacted = await app.WithDbAsync(async (db, _) => await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == notes));
        Assert.Equal((marker, marker, unchanged.UserName, unchanged.At, unchanged.Field), (redacted.OldValue, redacted.NewValue, redacted.UserName, redacted.At, redacted.Field));
    }
}

public sealed class RedactionTestsOnSqlite(SqliteAppFactory app) : RedactionTests(app), IClassFixture<SqliteAppFactory>;

public sealed class RedactionTestsOnPostgreSql(PostgreSqlAppFactory app) : RedactionTests(app), IClassFixture<PostgreSqlAppFactory>;

using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Interactions;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Interactions;

/// <summary>Logging a visit through the tablet form: what is stored, audited and shown.</summary>
public abstract class LogVisitTests(AppFactory app)
{
    private static Dictionary<string, string?> Form(InteractionWorld world, string html, string? notes = "Pump alarms after the update.") => new()
    {
        ["Id"] = InteractionWorld.FormId(html).ToString(),
        ["Source"] = "Web",
        ["OccurredAt"] = InteractionWorld.FormOccurredAt(html),
        ["Type"] = "Demo",
        ["ContactIds"] = world.Contact.Id.ToString(),
        ["DeviceIds"] = world.Device.Id.ToString(),
        ["Notes"] = notes,
        ["VoiceOfCustomer"] = "Alarm fatigue on nights\r\nToo many cables",
        ["Sentiment"] = "2",
        ["NextStep"] = "Book an in-service for the night shift",
        ["NextStepDue"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10).ToString("yyyy-MM-dd"),
    };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string?> fields)
    {
        var values = fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!);
        values["__RequestVerificationToken"] = await AppFactory.AntiforgeryTokenAsync(client, url);
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    [DbFact]
    public async Task The_form_offers_the_accounts_contacts_and_devices_as_chips_with_the_patient_reminder()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);

        var html = await client.GetStringAsync($"/accounts/{world.Account.Id}/visits/new");

        Assert.Contains(world.Account.Name, html);
        Assert.Contains($"name=\"ContactIds\" value=\"{world.Contact.Id}\"", html);
        Assert.Contains($"name=\"DeviceIds\" value=\"{world.Device.Id}\"", html);
        Assert.Contains(world.Device.SerialNumber, html);
        Assert.Contains("Never record patient information", html);
        Assert.Contains("class=\"btn chip\"", html);
        Assert.DoesNotContain(world.ForeignContact.Name, html);
        Assert.DoesNotContain("style=", html);
        Assert.NotEqual(Guid.Empty, InteractionWorld.FormId(html));
    }

    [DbFact]
    public async Task Logging_a_visit_through_the_form_stores_it_as_the_rep_audits_it_and_marks_the_account_stale()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);
        var url = $"/accounts/{world.Account.Id}/visits/new";
        var fields = Form(world, await client.GetStringAsync(url));

        var response = await PostAsync(client, url, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/accounts/{world.Account.Id}", response.Headers.Location!.OriginalString);
        var accountPage = await client.GetStringAsync($"/accounts/{world.Account.Id}");
        Assert.Contains("Visit logged.", accountPage);
        Assert.Contains("Book an in-service for the night shift", accountPage);

        var id = Guid.Parse(fields["Id"]!);
        var (stored, audit, stale) = await app.WithDbAsync(async (db, _) =>
        {
            var i = await db.Interactions.Include(x => x.Contacts).Include(x => x.Devices).SingleAsync(x => x.Id == id);
            var rows = await db.AuditEntries.Where(e => e.Entity == nameof(Interaction) && e.EntityId == id.ToString()).ToListAsync();
            var mark = await db.StaleAccounts.AnyAsync(s => s.AccountId == world.Account.Id);
            return (i, rows, mark);
        });
        Assert.Equal(world.Rep.Id, stored.RepId);
        Assert.Equal(id.ToString(), stored.ExternalId);
        Assert.Equal(InteractionSource.Web, stored.Source);
        Assert.Equal(InteractionType.Demo, stored.Type);
        Assert.Equal(2, stored.Sentiment);
        Assert.Equal("Alarm fatigue on nights\nToo many cables", stored.VoiceOfCustomer);
        Assert.Equal([world.Contact.Id], stored.Contacts.Select(c => c.ContactId));
        Assert.Equal([world.Device.Id], stored.Devices.Select(d => d.DeviceId));
        Assert.Equal(DateTimeKind.Utc, stored.OccurredAt.Kind);
        Assert.Equal(64, stored.RequestHash!.Length);
        Assert.Contains(audit, e => e.Field == nameof(Interaction.Notes) && e.NewValue == "Pump alarms after the update.");
        Assert.All(audit, e => Assert.Equal(world.Rep.Email, e.UserName));
        Assert.True(stale);
    }

    [DbFact]
    public async Task Submitting_the_form_twice_stores_one_interaction()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);
        var url = $"/accounts/{world.Account.Id}/visits/new";
        var fields = Form(world, await client.GetStringAsync(url));

        var first = await PostAsync(client, url, fields);
        var second = await PostAsync(client, url, fields);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Contains("already logged", await client.GetStringAsync($"/accounts/{world.Account.Id}"));
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.Interactions.CountAsync(i => i.AccountId == world.Account.Id)));
    }

    [DbFact]
    public async Task Notes_that_look_like_patient_identifiers_are_held_and_the_form_is_shown_again_with_the_reasons_and_the_box_to_confirm()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);
        var url = $"/accounts/{world.Account.Id}/visits/new";
        var fields = Form(world, await client.GetStringAsync(url), "Alarm on MRN 1234567, DOB 01/02/1960");

        var response = await PostAsync(client, url, fields);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<li>The notes look like they contain a medical record number.</li>", html);
        Assert.Contains("<li>The notes look like they contain a date of birth.</li>", html);
        Assert.Contains("aria-describedby=\"notes-reminder notes-held-reasons\">Alarm on MRN 1234567, DOB 01/02/1960</textarea>", html);
        Assert.Matches("<div id=\"notes-held\" class=\"[^\"]*\" data-notes-held>", html); // shown, not hidden
        Assert.Contains("name=\"ConfirmedNoPatientInformation\"", html);
        Assert.Contains("aria-describedby=\"notes-held-reasons\"", html);
        Assert.Contains("<label class=\"form-check-label\" for=\"ConfirmedNoPatientInformation\">The notes contain no patient information</label>", html);
        Assert.Contains($"value=\"{fields["Id"]}\"", html); // the same id, so the confirmed post is still idempotent
        var id = Guid.Parse(fields["Id"]!);
        Assert.False(await app.WithDbAsync(async (db, _) => await db.Interactions.AnyAsync(i => i.AccountId == world.Account.Id)));
        Assert.False(await app.WithDbAsync(async (db, _) => await db.AuditEntries.AnyAsync(e => e.EntityId == id.ToString())));
    }

    [DbFact]
    public async Task With_the_box_ticked_held_notes_are_stored_and_the_confirmation_warns()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);
        var url = $"/accounts/{world.Account.Id}/visits/new";
        var fields = Form(world, await client.GetStringAsync(url), "Alarm on MRN 1234567, DOB 01/02/1960");
        fields["ConfirmedNoPatientInformation"] = "true";

        var response = await PostAsync(client, url, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetStringAsync($"/accounts/{world.Account.Id}");
        Assert.Contains("Warning: The notes look like they contain a medical record number.", page);
        Assert.Contains("date of birth", page);
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.Interactions.CountAsync(i => i.AccountId == world.Account.Id)));
    }

    [DbFact]
    public async Task A_clean_form_hides_the_confirmation()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);

        var html = await client.GetStringAsync($"/accounts/{world.Account.Id}/visits/new");

        Assert.Contains("data-notes-held hidden=\"hidden\"", html);
        Assert.Contains("aria-describedby=\"notes-reminder\"></textarea>", html);
    }

    [DbFact]
    public async Task A_visit_in_the_future_is_shown_again_with_the_message_and_nothing_is_stored()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);
        var url = $"/accounts/{world.Account.Id}/visits/new";
        var fields = Form(world, await client.GetStringAsync(url));
        fields["OccurredAt"] = DateTime.UtcNow.AddHours(3).ToString("O");
        fields["NextStepDue"] = null;

        var response = await PostAsync(client, url, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("cannot be in the future", html);
        Assert.Contains("Book an in-service for the night shift", html); // what was typed is kept
        Assert.Contains($"value=\"{fields["Id"]}\"", html); // the same id, so the corrected post is still idempotent
        Assert.False(await app.WithDbAsync(async (db, _) => await db.Interactions.AnyAsync(i => i.AccountId == world.Account.Id)));
    }

    [DbFact]
    public async Task A_contact_of_another_account_is_a_validation_error_on_the_form()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);
        var url = $"/accounts/{world.Account.Id}/visits/new";
        var fields = Form(world, await client.GetStringAsync(url));
        fields["ContactIds"] = world.ForeignContact.Id.ToString();

        var response = await PostAsync(client, url, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Contacts must be people at this account.", await response.Content.ReadAsStringAsync());
    }

    [DbFact]
    public async Task The_home_page_finds_another_account_by_search_and_the_visit_link_leads_to_the_form()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);

        var home = await client.GetStringAsync("/");
        var pick = await client.GetAsync($"/visits/new?accountId={world.Account.Id}");

        Assert.Contains("<form method=\"get\" action=\"/accounts\" role=\"search\">", home);
        Assert.DoesNotContain(world.Foreign.Name, home);
        Assert.Equal(HttpStatusCode.Redirect, pick.StatusCode);
        Assert.Equal($"/accounts/{world.Account.Id}/visits/new", pick.Headers.Location!.OriginalString);
    }

    [DbFact]
    public async Task An_edit_posted_with_a_foreign_or_missing_account_id_is_shown_again_with_its_error_and_names_no_foreign_record()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);
        var url = $"/accounts/{world.Account.Id}/visits/new";
        var fields = Form(world, await client.GetStringAsync(url), "Pump alarms");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, url, fields)).StatusCode);
        var editUrl = $"/interactions/{Guid.Parse(fields["Id"]!)}/edit";
        var version = System.Text.RegularExpressions.Regex.Match(await client.GetStringAsync(editUrl), "name=\"Version\" value=\"([0-9a-f-]{36})\"").Groups[1].Value;

        foreach (var accountId in new string?[] { world.Foreign.Id.ToString(), null })
        {
            var edit = new Dictionary<string, string?>(fields) { ["Version"] = version, ["AccountId"] = accountId };
            edit.Remove("Id");
            var response = await PostAsync(client, editUrl, edit);
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.DoesNotContain(world.Foreign.Name, body);
            Assert.DoesNotContain(world.ForeignContact.Name, body);
        }
    }

    [DbFact]
    public async Task The_author_corrects_notes_through_the_edit_form_and_a_colleague_is_refused()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);
        var url = $"/accounts/{world.Account.Id}/visits/new";
        var fields = Form(world, await client.GetStringAsync(url), "Alarm on MRN 1234567");
        fields["ConfirmedNoPatientInformation"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, url, fields)).StatusCode);
        var id = Guid.Parse(fields["Id"]!);
        var editUrl = $"/interactions/{id}/edit";

        var form = await client.GetStringAsync(editUrl);
        Assert.Contains("Alarm on MRN 1234567", form);
        Assert.Contains("<li>The notes look like they contain a medical record number.</li>", form); // stored notes the check flags offer the box up front
        Assert.Contains($"name=\"ContactIds\" value=\"{world.Contact.Id}\" autocomplete=\"off\" checked=\"checked\"", form);
        var version = System.Text.RegularExpressions.Regex.Match(form, "name=\"Version\" value=\"([0-9a-f-]{36})\"").Groups[1].Value;
        var edit = new Dictionary<string, string?>(fields) { ["Notes"] = "Alarm on a pump in the ICU", ["Version"] = version, ["AccountId"] = world.Account.Id.ToString() };
        edit.Remove("Id");
        edit.Remove("Source");

        var colleague = await app.CreateUserAsync(Roles.Rep, [world.Territory.Id]);
        var colleagueClient = await app.SignInAsync(colleague);
        var refused = await PostAsync(colleagueClient, editUrl, edit);
        var saved = await PostAsync(client, editUrl, edit);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Alarm on a pump in the ICU", await app.WithDbAsync(async (db, _) => (await db.Interactions.SingleAsync(i => i.Id == id)).Notes));
    }
}

public sealed class LogVisitTestsOnSqlite(SqliteAppFactory app) : LogVisitTests(app), IClassFixture<SqliteAppFactory>;

public sealed class LogVisitTestsOnPostgreSql(PostgreSqlAppFactory app) : LogVisitTests(app), IClassFixture<PostgreSqlAppFactory>;

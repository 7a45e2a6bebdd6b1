using System.Net;
using System.Text;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Interchange;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Interchange;

/// <summary>CSV import and export of every kind: round trips, all or nothing, upserts, audit, the admin page.</summary>
public abstract class InterchangeTests(AppFactory app)
{
    /// <summary>A fresh, empty database of the same provider.</summary>
    protected abstract AppFactory CreateEmpty();

    [DbFact]
    public async Task Every_kind_re_imports_its_export_unchanged_and_exports_the_same_bytes_again()
    {
        await InterchangeWorld.CreateAsync(app);

        foreach (var kind in ImportCsv.Kinds)
        {
            var exported = await app.ExportAsync(kind);
            var result = await app.ImportAsync(kind, exported);
            var again = await app.ExportAsync(kind);

            Assert.True(result.Succeeded, $"{kind}: {string.Join(Environment.NewLine, result.Errors)}");
            Assert.True(result.Lines > 0, $"{kind} exported nothing");
            Assert.Equal((kind, 0, 0), (kind, result.Created, result.Updated));
            Assert.Equal(result.Lines > 0, result.Unchanged > 0);
            Assert.Equal(exported, again);
        }
    }

    [DbFact]
    public async Task Importing_every_export_into_an_empty_database_reproduces_every_export()
    {
        var world = await InterchangeWorld.CreateAsync(app);
        using var empty = CreateEmpty();

        foreach (var kind in ImportCsv.Kinds)
        {
            var exported = await app.ExportAsync(kind);
            var result = await empty.ImportAsync(kind, exported);

            Assert.True(result.Succeeded, $"{kind}: {string.Join(Environment.NewLine, result.Errors)}");
            Assert.Equal((kind, 0, 0), (kind, result.Updated, result.Unchanged));
            Assert.Equal(exported, await empty.ExportAsync(kind));
        }

        var imported = await empty.WithDbAsync(async (db, _) => await db.Users.SingleAsync(u => u.NormalizedEmail == world.Rep.Email!.ToUpperInvariant()));
        Assert.Null(imported.PasswordHash);
        Assert.False(string.IsNullOrEmpty(imported.SecurityStamp));
    }

    [DbFact]
    public async Task A_file_with_bad_lines_changes_nothing_and_reports_every_problem_by_physical_line()
    {
        var world = await InterchangeWorld.CreateAsync(app);
        var s = world.Suffix;
        var auditBefore = await app.WithDbAsync(async (db, _) => await db.AuditEntries.CountAsync());
        var csv =
            "external_id,name,parent_external_id,segment,beds,territory,owner_rep_email,status,city,state\r\n" +
            $"NEW-{s},\"New clinic,\nwith a two-line name\",,Clinic,12,{world.Territory.Name},,Prospect,,\r\n" +
            $"{world.Child.ExternalId},Renamed,{world.Parent.ExternalId},Community,320,{world.Territory.Name},,Customer,Springfield,IL\r\n" +
            $"BAD-{s},,NOPE-{s},Hospital,many,Atlantis,nobody@x.test,Customer,,\r\n" +
            $"NEW-{s},Again,,Clinic,1,{world.Territory.Name},,Prospect,,\r\n";

        var result = await app.ImportAsync("accounts", csv);

        Assert.Equal(
        [
            "line 5: name: is required",
            "line 5: segment: 'Hospital' is not one of Academic, Community, ASC, Clinic",
            "line 5: beds: 'many' is not a whole number",
            "line 5: territory: unknown territory 'Atlantis'",
            "line 5: owner_rep_email: unknown user 'nobody@x.test'",
            "line 6: external_id: duplicate key, first on line 2",
        ], result.Errors.Select(e => e.ToString()));
        var (created, child, auditAfter) = await app.WithDbAsync(async (db, _) => (
            await db.Accounts.AnyAsync(a => a.ExternalId == $"NEW-{s}"),
            await db.Accounts.SingleAsync(a => a.Id == world.Child.Id),
            await db.AuditEntries.CountAsync()));
        Assert.False(created);
        Assert.Equal(world.Child.Name, child.Name);
        Assert.Equal(auditBefore, auditAfter);
    }

    [DbFact]
    public async Task An_import_creates_and_updates_records_audits_them_and_marks_their_accounts_stale()
    {
        var world = await InterchangeWorld.CreateAsync(app);
        var s = world.Suffix;
        await app.WithDbAsync(async db => await db.StaleAccounts.Where(m => m.AccountId == world.Child.Id).ExecuteDeleteAsync());
        var csv =
            "external_id,account_external_id,name,title,role,influence,email,phone\n" +
            $"{world.Contact.ExternalId},{world.Child.ExternalId},Dana Biomed,Director of biomedical engineering,Biomed,DecisionMaker,dana.{s}@hospital.test,\n" +
            $"CON-{s}-NEW,{world.Child.ExternalId},Lee Purchasing,,Purchasing,Influencer,,+1 555 0100\n";

        var result = await app.ImportAsync("contacts", csv);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal((1, 1, 0), (result.Created, result.Updated, result.Unchanged));
        var (contact, added, audit, stale) = await app.WithDbAsync(async (db, _) => (
            await db.Contacts.SingleAsync(c => c.Id == world.Contact.Id),
            await db.Contacts.SingleAsync(c => c.ExternalId == $"CON-{s}-NEW"),
            await db.AuditEntries.Where(e => e.Entity == nameof(Contact) && e.EntityId == world.Contact.Id.ToString() && e.Field == nameof(Contact.Title) && e.Action == AuditAction.Update).ToListAsync(),
            await db.StaleAccounts.AnyAsync(m => m.AccountId == world.Child.Id)));
        Assert.Equal("Director of biomedical engineering", contact.Title);
        Assert.NotEqual(world.Contact.Version, contact.Version);
        Assert.Equal(ContactChannel.Phone, added.PreferredChannel);
        var change = Assert.Single(audit);
        Assert.Equal(("Biomed lead", "Director of biomedical engineering", "system"), (change.OldValue, change.NewValue, change.UserName));
        Assert.True(stale);
    }

    [DbFact]
    public async Task An_order_file_replaces_the_lines_of_an_order_marks_the_account_stale_and_refuses_a_net_amount_above_list()
    {
        var world = await InterchangeWorld.CreateAsync(app);
        var s = world.Suffix;
        var header = "order_external_id,line_no,account_external_id,order_date,type,sku,quantity,list_amount,net_amount\n";

        await app.WithDbAsync(async db => await db.StaleAccounts.Where(m => m.AccountId == world.Child.Id).ExecuteDeleteAsync());

        var refused = await app.ImportAsync("orders", header + $"ORD-{s},1,{world.Child.ExternalId},2025-03-28,Capital,VENT-{s},0,100.00,120.5\n");
        var result = await app.ImportAsync("orders", header + $"ORD-{s},1,{world.Child.ExternalId},2025-03-28,Capital,VENT-{s},3,97501.50,90000\n");

        Assert.Equal(["line 2: quantity: must be between 1 and 1000000", "line 2: net_amount: must not exceed list_amount"], refused.Errors.Select(e => e.ToString()));
        Assert.Equal((0, 1), (result.Created, result.Updated));
        var lines = await app.WithDbAsync(async (db, _) => await db.OrderLines.Where(l => l.Order!.ExternalId == $"ORD-{s}").ToListAsync());
        var line = Assert.Single(lines);
        Assert.Equal((3, 97501.5m, 90000m), (line.Quantity, line.ListAmount, line.NetAmount));
        Assert.True(await app.WithDbAsync(async (db, _) => await db.StaleAccounts.AnyAsync(m => m.AccountId == world.Child.Id)));
    }

    [DbFact]
    public async Task The_admin_page_uploads_a_file_and_shows_every_problem_and_nothing_changes()
    {
        var world = await InterchangeWorld.CreateAsync(app);
        var (client, _) = await app.SignedInAdminAsync();
        var page = await client.GetStringAsync("/admin/interchange");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        var bad = await client.PostImportAsync(token, "territories", $"name,region\n{world.Territory.Name},\nT-{world.Suffix}-X,East\n,West\n");
        var good = await client.PostImportAsync(token, "territories", $"name,region\nT-{world.Suffix}-Y,East\n");
        var status = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/interchange"));
        var export = await client.GetAsync("/admin/interchange/export/territories");
        var unknown = await client.PostImportAsync(token, "patients", "name\nx\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("line 2: region: is required", html);
        Assert.Contains("line 4: name: is required", html);
        Assert.Contains("nothing was changed", html);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Contains("Imported territories: 1 created, 0 updated, 0 unchanged (1 lines).", status);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"T-{world.Suffix}-Y,East", await export.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(async (db, _) => await db.Territories.AnyAsync(t => t.Name == $"T-{world.Suffix}-X")));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Kind must be one of: territories", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()));
    }

    [DbFact]
    public async Task The_admin_export_neutralises_formulas_and_the_escaped_values_re_import_unchanged_here_and_into_an_empty_database()
    {
        var world = await InterchangeWorld.CreateAsync(app);
        string[] formulas = ["=HYPERLINK(\"https://evil.example\",\"open\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-1+2", "'=already quoted"];
        await app.WithDbAsync(async db =>
        {
            var account = await db.Accounts.SingleAsync(a => a.Id == world.Child.Id);
            account.Name = formulas[0];
            account.City = "-12";
            var contact = await db.Contacts.SingleAsync(c => c.Id == world.Contact.Id);
            contact.Title = formulas[1];
            contact.Name = formulas[4];
            var product = await db.Products.SingleAsync(p => p.Id == world.Capital.Id);
            product.Name = formulas[2];
            product.Family = formulas[3];
            await db.SaveChangesAsync();
        });
        var (client, _) = await app.SignedInAdminAsync();
        var page = await client.GetStringAsync("/admin/interchange");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var empty = CreateEmpty();

        foreach (var kind in new[] { "accounts", "contacts", "products" })
        {
            var exported = await client.GetStringAsync($"/admin/interchange/export/{kind}");
            var cells = exported.Split("\r\n").SelectMany(line => line.Split(',')).Select(cell => cell.TrimStart('"')).ToList();

            Assert.DoesNotContain(cells, cell => cell.Length > 0 && cell[0] is '=' or '+' or '@' or '\t' or '\r');
            Assert.DoesNotContain(cells, cell => cell.Length > 1 && cell[0] == '-' && !double.TryParse(cell, System.Globalization.CultureInfo.InvariantCulture, out _));
            var again = await client.PostImportAsync(token, kind, exported);
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
            Assert.Contains($"Imported {kind}: 0 created, 0 updated", WebUtility.HtmlDecode(await client.GetStringAsync("/admin/interchange")));
            if (kind == "accounts")
            {
                Assert.Contains(",-12,", exported);
                Assert.True((await empty.ImportAsync("territories", await app.ExportAsync("territories"))).Succeeded);
                Assert.True((await empty.ImportAsync("users", await app.ExportAsync("users"))).Succeeded);
            }

            var result = await empty.ImportAsync(kind, exported);
            Assert.True(result.Succeeded, $"{kind}: {string.Join(Environment.NewLine, result.Errors)}");
            Assert.Equal(exported, await empty.ExportAsync(kind));
        }

        var stored = await empty.WithDbAsync(async (db, _) => (
            (await db.Accounts.SingleAsync(a => a.ExternalId == world.Child.ExternalId)).Name,
            (await db.Contacts.SingleAsync(c => c.ExternalId == world.Contact.ExternalId)).Title,
            (await db.Products.SingleAsync(p => p.Sku == world.Capital.Sku)).Name,
            (await db.Products.SingleAsync(p => p.Sku == world.Capital.Sku)).Family,
            (await db.Contacts.SingleAsync(c => c.ExternalId == world.Contact.ExternalId)).Name));
        Assert.Equal((formulas[0], formulas[1], formulas[2], formulas[3], formulas[4]), stored);
        var here = await app.WithDbAsync(async (db, _) => (await db.Accounts.SingleAsync(a => a.Id == world.Child.Id)).Name);
        Assert.Equal(formulas[0], here);
    }

    [DbFact]
    public async Task Contract_and_incident_dates_the_forms_refuse_are_refused_by_the_import_and_nothing_changes()
    {
        var world = await InterchangeWorld.CreateAsync(app);
        var s = world.Suffix;
        var contracts =
            "external_id,account_external_id,start,end,annual_value,renewed_from_external_id\r\n" +
            $"SC-{s}-F,{world.Child.ExternalId},9999-01-01,9999-12-31,1,\r\n" +
            $"SC-{s}-O,{world.Child.ExternalId},1900-01-01,1900-12-31,1,\r\n" +
            $"SC-{s}-L,{world.Child.ExternalId},2024-01-01,2040-01-01,1,\r\n";
        var incidents =
            "external_id,account_external_id,serial_number,sku,opened_at,severity,category,first_response_at,resolved_at,after_hours,responder_email\r\n" +
            $"INC-{s}-F,{world.Child.ExternalId},{world.Device.SerialNumber},{world.Capital.Sku},9999-12-31T23:00:00Z,Minor,Alarm,,,false,\r\n";

        var refusedContracts = await app.ImportAsync("contracts", contracts);
        var refusedIncidents = await app.ImportAsync("incidents", incidents);

        Assert.Equal(
        [
            "line 2: start: must be between 1990-01-01 and 2 years from today",
            "line 3: start: must be between 1990-01-01 and 2 years from today",
            "line 4: end: must be at most 10 years after start",
        ], refusedContracts.Errors.Select(e => e.ToString()));
        Assert.Equal(["line 2: opened_at: cannot be in the future"], refusedIncidents.Errors.Select(e => e.ToString()));
        Assert.False(await app.WithDbAsync(async (db, _) => await db.ServiceContracts.AnyAsync(c => c.ExternalId.StartsWith($"SC-{s}-") && c.AnnualValue == 1m)
            || await db.Incidents.AnyAsync(i => i.ExternalId == $"INC-{s}-F")));
    }

    [DbFact]
    public async Task Reps_and_managers_are_refused_the_page_the_upload_and_the_export()
    {
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.SignInAsync(await app.CreateUserAsync(Roles.Rep, [territory.Id]));
        var manager = await app.SignInAsync(await app.CreateUserAsync(Roles.Manager, region: territory.Region));

        foreach (var client in new[] { rep, manager })
        {
            var token = await AppFactory.AntiforgeryTokenAsync(client, "/");
            foreach (var response in new[]
            {
                await client.GetAsync("/admin/interchange"),
                await client.GetAsync("/admin/interchange/export/users"),
                await client.PostImportAsync(token, "territories", "name,region\nHijacked-interchange,Nowhere\n"),
            })
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("https://localhost/account/denied", response.Headers.Location!.ToString());
            }
        }

        Assert.False(await app.WithDbAsync(async (db, _) => await db.Territories.AnyAsync(t => t.Name == "Hijacked-interchange")));
    }
}

public sealed class InterchangeTestsOnSqlite(SqliteAppFactory app) : InterchangeTests(app), IClassFixture<SqliteAppFactory>
{
    protected override AppFactory CreateEmpty() => new SqliteAppFactory();
}

public sealed class InterchangeTestsOnPostgreSql(PostgreSqlAppFactory app) : InterchangeTests(app), IClassFixture<PostgreSqlAppFactory>
{
    protected override AppFactory CreateEmpty() => new PostgreSqlAppFactory();
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Incidents;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Incidents;

/// <summary>Service incidents through the forms and the API: open, respond, resolve, edit, SLA order, after hours, scoping, 409.</summary>
public abstract class IncidentsTests(AppFactory app)
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    /// <summary>Now to the whole second, so stored times (to the millisecond) compare equal.</summary>
    private static DateTime Now => new(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The latest <paramref name="day"/> at least three days ago, at <paramref name="hour"/> o'clock in Chicago, in UTC.</summary>
    private static DateTime LastInChicago(DayOfWeek day, int hour)
    {
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, Chicago)).AddDays(-3);
        while (date.DayOfWeek != day)
        {
            date = date.AddDays(-1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(hour, 0)), Chicago);
    }

    private Task<InstalledDevice> DeviceAsync(Guid accountId) => app.WithDbAsync(async (db, _) =>
    {
        var sku = $"P-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        var product = new Product { Sku = sku, Name = $"Ventilator {sku}", Family = "Ventilation", Category = ProductCategory.Capital, ListPrice = 30000m, ServiceLifeMonths = 120 };
        var device = new InstalledDevice
        {
            AccountId = accountId, Product = product, SerialNumber = $"SN-{Guid.NewGuid():N}"[..14].ToUpperInvariant(),
            InstallDate = DateOnly.FromDateTime(Now).AddYears(-2), Department = "ICU", Status = DeviceStatus.Active,
        };
        db.Devices.Add(device);
        await db.SaveChangesAsync();
        return device;
    });

    private Task<ServiceIncident> IncidentAsync(InstalledDevice device, DateTime openedAt, IncidentSeverity severity,
        DateTime? firstResponseAt = null, DateTime? resolvedAt = null) => app.WithDbAsync(async (db, _) =>
    {
        var incident = new ServiceIncident
        {
            ExternalId = $"T-{Guid.NewGuid():N}"[..20].ToUpperInvariant(), AccountId = device.AccountId, DeviceId = device.Id,
            OpenedAt = openedAt, Severity = severity, Category = "Alarm fault", FirstResponseAt = firstResponseAt, ResolvedAt = resolvedAt,
            Status = IncidentSla.StatusOf(firstResponseAt, resolvedAt),
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        return incident;
    });

    /// <summary>A rep signed in (API token header set) with an account of their own, and a foreign account in another territory of the region.</summary>
    private async Task<(HttpClient Client, ApplicationUser Rep, Account Own, Account Foreign, Territory Mine, Territory Theirs)> SignedInRepAsync()
    {
        var region = $"R-{Guid.NewGuid():N}"[..12];
        var mine = await app.CreateTerritoryAsync(region);
        var theirs = await app.CreateTerritoryAsync(region);
        var rep = await app.CreateUserAsync(Roles.Rep, [mine.Id]);
        var own = await app.CreateAccountAsync(mine.Id);
        var foreign = await app.CreateAccountAsync(theirs.Id);
        var client = await app.SignInAsync(rep);
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await AppFactory.AntiforgeryTokenAsync(client, "/"));
        return (client, rep, own, foreign, mine, theirs);
    }

    [DbFact]
    public async Task A_rep_opens_an_incident_from_the_account_page_after_hours_is_derived_it_is_audited_and_the_account_marked_stale()
    {
        var (client, rep, own, _, _, _) = await SignedInRepAsync();
        var device = await DeviceAsync(own.Id);
        var saturdayNoon = LastInChicago(DayOfWeek.Saturday, 12);
        await app.WithDbAsync(async db => await db.StaleAccounts.Where(s => s.AccountId == own.Id).ExecuteDeleteAsync());

        var accountPage = await client.GetStringAsync($"/accounts/{own.Id}");
        var form = await client.GetStringAsync($"/accounts/{own.Id}/incidents/new?deviceId={device.Id}");
        var response = await AppFactory.PostFormAsync(client, $"/accounts/{own.Id}/incidents/new", $"/accounts/{own.Id}/incidents/new", new Dictionary<string, string?>
        {
            ["AccountId"] = own.Id.ToString(), ["DeviceId"] = device.Id.ToString(), ["Severity"] = "Critical", ["Category"] = " Alarm fault ",
            ["AfterHours"] = "", ["OpenedAt"] = Iso(saturdayNoon), ["ExternalId"] = "",
        });

        Assert.Contains($"href=\"/accounts/{own.Id}/incidents/new\"", accountPage);
        Assert.Contains("No open incidents.", accountPage);
        Assert.Contains($"<option value=\"{device.Id}\" selected=\"selected\">", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (incident, audit, stale) = await app.WithDbAsync(async (db, _) =>
        {
            var i = await db.Incidents.SingleAsync(x => x.DeviceId == device.Id);
            var rows = await db.AuditEntries.Where(e => e.Entity == nameof(ServiceIncident) && e.EntityId == i.Id.ToString()).ToListAsync();
            return (i, rows, await db.StaleAccounts.AnyAsync(s => s.AccountId == own.Id));
        });
        Assert.Equal($"/incidents/{incident.Id}", response.Headers.Location!.OriginalString);
        Assert.Matches("^INC-[0-9]{8}-[0-9A-F]{6}$", incident.ExternalId);
        Assert.Equal((own.Id, saturdayNoon, IncidentSeverity.Critical, "Alarm fault", true, IncidentStatus.Open),
            (incident.AccountId, incident.OpenedAt, incident.Severity, incident.Category, incident.AfterHours, incident.Status));
        Assert.Contains(audit, e => e.Field == nameof(ServiceIncident.ExternalId) && e.NewValue == incident.ExternalId && e.Action == AuditAction.Insert);
        Assert.All(audit, e => Assert.Equal(rep.Email, e.UserName));
        Assert.True(stale);

        var details = await client.GetStringAsync($"/incidents/{incident.Id}");
        var after = await client.GetStringAsync($"/accounts/{own.Id}");
        Assert.Contains($"Incident {incident.ExternalId} opened (after hours).", details);
        Assert.Contains("Sat ", details);
        Assert.Contains("12:00 site time (America/Chicago)", details);
        Assert.Contains("Overdue", after); // a critical incident opened days ago without a response
        Assert.Contains(incident.ExternalId, after);
    }

    [DbFact]
    public async Task Responding_and_resolving_through_the_forms_moves_the_status_and_records_the_responder()
    {
        var (client, rep, own, _, _, _) = await SignedInRepAsync();
        var device = await DeviceAsync(own.Id);
        var first = await IncidentAsync(device, Now.AddHours(-2), IncidentSeverity.Critical);
        var second = await IncidentAsync(device, Now.AddHours(-30), IncidentSeverity.Major);

        var responded = await AppFactory.PostFormAsync(client, $"/incidents/{first.Id}", $"/incidents/{first.Id}/first-response",
            new Dictionary<string, string?> { ["Id"] = first.Id.ToString(), ["Version"] = first.Version.ToString() });
        var afterResponse = await app.WithDbAsync(async (db, _) => await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == first.Id));
        var early = await AppFactory.PostFormAsync(client, $"/incidents/{first.Id}/resolve", $"/incidents/{first.Id}/resolve", new Dictionary<string, string?>
        {
            ["Id"] = first.Id.ToString(), ["Version"] = afterResponse.Version.ToString(), ["ResolvedAt"] = Iso(first.OpenedAt.AddMinutes(-1)),
        });
        var resolved = await AppFactory.PostFormAsync(client, $"/incidents/{first.Id}", $"/incidents/{first.Id}/resolve",
            new Dictionary<string, string?> { ["Id"] = first.Id.ToString(), ["Version"] = afterResponse.Version.ToString() });
        var resolvedDirectly = await AppFactory.PostFormAsync(client, $"/incidents/{second.Id}/resolve", $"/incidents/{second.Id}/resolve", new Dictionary<string, string?>
        {
            ["Id"] = second.Id.ToString(), ["Version"] = second.Version.ToString(), ["ResolvedAt"] = Iso(second.OpenedAt.AddHours(25)),
        });

        Assert.Equal(HttpStatusCode.Redirect, responded.StatusCode);
        Assert.Equal((IncidentStatus.Responded, rep.Id), (afterResponse.Status, afterResponse.ResponderId));
        Assert.InRange(afterResponse.FirstResponseAt!.Value, Now.AddMinutes(-2), Now.AddMinutes(1));
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("Resolved at cannot be before the first response or the opening.", await early.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, resolvedDirectly.StatusCode);
        var stored = await app.WithDbAsync(async (db, _) => await db.Incidents.Where(i => i.AccountId == own.Id).ToDictionaryAsync(i => i.Id));
        Assert.Equal(IncidentStatus.Resolved, stored[first.Id].Status);
        Assert.NotNull(stored[first.Id].ResolvedAt);
        // Resolved without a response: the resolution is the first response, 25 h after a Major opened: breached.
        Assert.Equal((IncidentStatus.Resolved, second.OpenedAt.AddHours(25), second.OpenedAt.AddHours(25), rep.Id),
            (stored[second.Id].Status, stored[second.Id].FirstResponseAt, stored[second.Id].ResolvedAt, stored[second.Id].ResponderId));
        var page = await client.GetStringAsync($"/incidents/{second.Id}");
        Assert.Contains("SLA breached", page);
        Assert.DoesNotContain($"action=\"/incidents/{second.Id}/resolve\"", page);
    }

    [DbFact]
    public async Task The_open_list_puts_overdue_then_breached_first_then_orders_by_deadline_with_SLA_status_and_filters()
    {
        var (client, _, own, _, mine, _) = await SignedInRepAsync();
        var device = await DeviceAsync(own.Id);
        var minorPending = await IncidentAsync(device, Now.AddHours(-10), IncidentSeverity.Minor);                 // due in 62 h
        var criticalOverdue = await IncidentAsync(device, Now.AddHours(-6), IncidentSeverity.Critical);            // 2 h late
        var majorPending = await IncidentAsync(device, Now.AddHours(-1), IncidentSeverity.Major);                  // due in 23 h
        var majorOverdue = await IncidentAsync(device, Now.AddHours(-30), IncidentSeverity.Major);                 // 6 h late, deadline earlier
        var breached = await IncidentAsync(device, Now.AddHours(-10), IncidentSeverity.Critical, Now.AddHours(-5)); // answered 5 h after
        var met = await IncidentAsync(device, Now.AddHours(-3), IncidentSeverity.Critical, Now.AddHours(-2));
        var resolved = await IncidentAsync(device, Now.AddDays(-5), IncidentSeverity.Critical, Now.AddDays(-5).AddHours(1), Now.AddDays(-3));

        var open = await client.GetFromJsonAsync<ApiPage<IncidentList.Row>>($"/api/incidents?accountId={own.Id}", Json.Options);
        var all = await client.GetFromJsonAsync<ApiPage<IncidentList.Row>>($"/api/incidents?territoryId={mine.Id}&status=All", Json.Options);
        var critical = await client.GetFromJsonAsync<ApiPage<IncidentList.Row>>($"/api/incidents?accountId={own.Id}&severity=Critical&pageSize=2&page=1", Json.Options);
        var page = await client.GetStringAsync($"/incidents?TerritoryId={mine.Id}");

        Assert.Equal([majorOverdue.Id, criticalOverdue.Id, breached.Id, majorPending.Id, minorPending.Id, met.Id], open!.Items.Select(r => r.Id));
        Assert.Equal([SlaStatus.Overdue, SlaStatus.Overdue, SlaStatus.Breached, SlaStatus.Pending, SlaStatus.Pending, SlaStatus.Met], open.Items.Select(r => r.Sla));
        Assert.Equal(majorPending.OpenedAt.AddHours(24), open.Items.Single(r => r.Id == majorPending.Id).ResponseDeadline);
        Assert.Equal(7, all!.TotalCount);
        Assert.Equal(SlaStatus.Met, all.Items.Single(r => r.Id == resolved.Id).Sla);
        Assert.Equal((3, 2), (critical!.TotalCount, critical.Items.Count));
        Assert.Equal([criticalOverdue.Id, breached.Id], critical.Items.Select(r => r.Id));
        var reference = await client.GetStringAsync("/api/reference");
        Assert.Contains("/api/incidents/{id}/first-response", reference);
        Assert.Contains("6 incident(s)", page);
        Assert.Contains("late by 6 h", page);
        Assert.DoesNotContain(resolved.ExternalId, page);
        Assert.True(page.IndexOf(majorOverdue.ExternalId, StringComparison.Ordinal) < page.IndexOf(met.ExternalId, StringComparison.Ordinal));
    }

    [DbFact]
    public async Task A_responder_who_cannot_see_the_account_is_refused_naming_the_field_and_a_colleague_is_accepted()
    {
        var (client, _, own, _, mine, theirs) = await SignedInRepAsync();
        var outsider = await app.CreateUserAsync(Roles.Rep, [theirs.Id]);
        var colleague = await app.CreateUserAsync(Roles.Rep, [mine.Id]);
        var device = await DeviceAsync(own.Id);
        var openedAt = LastInChicago(DayOfWeek.Wednesday, 10);
        var incident = await IncidentAsync(device, openedAt, IncidentSeverity.Minor);

        var respond = await client.PostAsJsonAsync($"/api/incidents/{incident.Id}/first-response",
            new { incident.Version, RespondedAt = openedAt.AddHours(1), ResponderId = outsider.Id }, Json.Options);
        var edit = await client.PutAsJsonAsync($"/api/incidents/{incident.Id}", new
        {
            incident.ExternalId, incident.DeviceId, incident.OpenedAt, Severity = "Minor", incident.Category, FirstResponseAt = openedAt.AddHours(1),
            ResolvedAt = (DateTime?)null, ResponderId = outsider.Id, incident.Version,
        }, Json.Options);
        var byColleague = await client.PostAsJsonAsync($"/api/incidents/{incident.Id}/first-response",
            new { incident.Version, RespondedAt = openedAt.AddHours(1), ResponderId = colleague.Id }, Json.Options);

        foreach (var refused in new[] { respond, edit })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(["ResponderId"], (await refused.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);
        }

        Assert.Equal(HttpStatusCode.OK, byColleague.StatusCode);
        Assert.Equal(colleague.Id, await app.WithDbAsync(async (db, _) => (await db.Incidents.SingleAsync(i => i.Id == incident.Id)).ResponderId));
    }

    [DbFact]
    public async Task The_API_opens_edits_responds_and_resolves_and_a_stale_version_answers_409()
    {
        var (client, rep, own, _, _, _) = await SignedInRepAsync();
        var device = await DeviceAsync(own.Id);
        var wednesdayTen = LastInChicago(DayOfWeek.Wednesday, 10);
        var externalId = $"SVC-{Guid.NewGuid():N}"[..16];

        var created = await client.PostAsJsonAsync("/api/incidents", new
        {
            AccountId = own.Id, DeviceId = device.Id, OpenedAt = wednesdayTen, Severity = "Minor", Category = "Battery", ExternalId = externalId,
        }, Json.Options);
        var opened = await created.Content.ReadFromJsonAsync<OpenIncident.Result>(Json.Options);
        var read = await client.GetFromJsonAsync<IncidentDetails.Result>($"/api/incidents/{opened!.Id}", Json.Options);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/incidents/{opened.Id}", created.Headers.Location!.AbsolutePath);
        Assert.Equal((externalId, false), (opened.ExternalId, opened.AfterHours));
        Assert.Equal((IncidentStatus.Open, false, false, 72d), (read!.Status, read.AfterHours, read.AfterHoursDerived, read.TargetHours));

        object Edit(Guid version, bool? afterHours, DateTime? firstResponseAt, string category) => new
        {
            read.ExternalId, read.DeviceId, read.OpenedAt, Severity = "Major", Category = category, FirstResponseAt = firstResponseAt,
            ResolvedAt = (DateTime?)null, ResponderId = (Guid?)rep.Id, AfterHours = afterHours, Version = version,
        };
        var edited = await client.PutAsJsonAsync($"/api/incidents/{read.Id}", Edit(read.Version, true, wednesdayTen.AddHours(30), "Battery swap"), Json.Options);
        var stale = await client.PutAsJsonAsync($"/api/incidents/{read.Id}", Edit(read.Version, null, null, "Lost edit"), Json.Options);
        var afterEdit = await client.GetFromJsonAsync<IncidentDetails.Result>($"/api/incidents/{read.Id}", Json.Options);

        Assert.Equal(HttpStatusCode.NoContent, edited.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone else changed this record", (await stale.Content.ReadFromJsonAsync<Problem>(Json.Options))!.Detail);
        Assert.Equal((IncidentStatus.Responded, true, false, "Battery swap", SlaStatus.Breached, rep.DisplayName),
            (afterEdit!.Status, afterEdit.AfterHours, afterEdit.AfterHoursDerived, afterEdit.Category, afterEdit.Sla, afterEdit.ResponderName));

        var staleResolve = await client.PostAsJsonAsync($"/api/incidents/{read.Id}/resolve", new { read.Version }, Json.Options);
        var resolve = await client.PostAsJsonAsync($"/api/incidents/{read.Id}/resolve", new { afterEdit.Version, ResolvedAt = wednesdayTen.AddHours(40) }, Json.Options);
        var again = await client.PostAsJsonAsync($"/api/incidents/{read.Id}/first-response", new { afterEdit.Version }, Json.Options);
        Assert.Equal(HttpStatusCode.Conflict, staleResolve.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        Assert.Equal(IncidentStatus.Resolved, (await resolve.Content.ReadFromJsonAsync<ResolveIncident.Result>(Json.Options))!.Status);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        var audit = await app.WithDbAsync(async (db, _) => await db.AuditEntries
            .Where(e => e.EntityId == read.Id.ToString() && e.Action == AuditAction.Update).ToListAsync());
        Assert.Contains(audit, e => e.Field == nameof(ServiceIncident.Category) && e.OldValue == "Battery" && e.NewValue == "Battery swap");
        Assert.Contains(audit, e => e.Field == nameof(ServiceIncident.AfterHours) && e.OldValue == "False" && e.NewValue == "True");
        Assert.Contains(audit, e => e.Field == nameof(ServiceIncident.Status) && e.NewValue == "Resolved");
    }

    [DbFact]
    public async Task An_edit_without_an_after_hours_choice_derives_it_again_from_the_new_opening_time()
    {
        var (client, _, own, _, _, _) = await SignedInRepAsync();
        var device = await DeviceAsync(own.Id);
        var incident = await IncidentAsync(device, LastInChicago(DayOfWeek.Wednesday, 10), IncidentSeverity.Minor);
        var sunday = LastInChicago(DayOfWeek.Sunday, 9);

        var form = await client.GetStringAsync($"/incidents/{incident.Id}/edit");
        var response = await AppFactory.PostFormAsync(client, $"/incidents/{incident.Id}/edit", $"/incidents/{incident.Id}/edit", new Dictionary<string, string?>
        {
            ["Id"] = incident.Id.ToString(), ["AccountId"] = own.Id.ToString(), ["Version"] = incident.Version.ToString(), ["ExternalId"] = incident.ExternalId,
            ["DeviceId"] = device.Id.ToString(), ["Severity"] = "Minor", ["Category"] = "Alarm fault", ["OpenedAt"] = Iso(sunday),
            ["FirstResponseAt"] = "", ["ResolvedAt"] = "", ["ResponderId"] = "", ["AfterHours"] = "",
        });

        Assert.Contains("<option value=\"\" selected=\"selected\">From the site's business hours</option>", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.WithDbAsync(async (db, _) => await db.Incidents.SingleAsync(i => i.Id == incident.Id));
        Assert.Equal((sunday, true), (stored.OpenedAt, stored.AfterHours));
    }

    [DbFact]
    public async Task Times_out_of_order_or_in_the_future_answer_problem_details_naming_the_fields()
    {
        var (client, _, own, _, _, _) = await SignedInRepAsync();
        var device = await DeviceAsync(own.Id);
        var incident = await IncidentAsync(device, Now.AddHours(-5), IncidentSeverity.Major);

        var future = await client.PostAsJsonAsync("/api/incidents", new
        {
            AccountId = own.Id, DeviceId = device.Id, OpenedAt = Now.AddHours(2), Severity = "Major", Category = "Battery",
        }, Json.Options);
        var disordered = await client.PutAsJsonAsync($"/api/incidents/{incident.Id}", new
        {
            incident.ExternalId, incident.DeviceId, incident.OpenedAt, Severity = "Major", Category = "Battery",
            FirstResponseAt = incident.OpenedAt.AddHours(-1), ResolvedAt = Now.AddDays(1), incident.Version,
        }, Json.Options);
        var early = await client.PostAsJsonAsync($"/api/incidents/{incident.Id}/first-response",
            new { incident.Version, RespondedAt = incident.OpenedAt.AddMinutes(-5) }, Json.Options);
        var form = await AppFactory.PostFormAsync(client, $"/accounts/{own.Id}/incidents/new", $"/accounts/{own.Id}/incidents/new", new Dictionary<string, string?>
        {
            ["AccountId"] = own.Id.ToString(), ["DeviceId"] = Guid.Empty.ToString(), ["Severity"] = "Major", ["Category"] = "",
        });

        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Equal("application/problem+json", future.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["OpenedAt"], (await future.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);
        Assert.Equal(["FirstResponseAt", "ResolvedAt"], (await disordered.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys.Order());
        Assert.Equal(["RespondedAt"], (await early.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("Choose the device.", html);
        Assert.Contains("Category is required", html);
        Assert.Equal(IncidentStatus.Open, await app.WithDbAsync(async (db, _) => (await db.Incidents.FindAsync(incident.Id))!.Status));
    }

    [DbFact]
    public async Task A_foreign_account_or_incident_answers_404_on_every_incident_route_and_lists_show_only_the_reps_territory()
    {
        var (client, _, own, foreign, _, theirs) = await SignedInRepAsync();
        var ownDevice = await DeviceAsync(own.Id);
        var foreignDevice = await DeviceAsync(foreign.Id);
        var incident = await IncidentAsync(foreignDevice, Now.AddHours(-8), IncidentSeverity.Critical);
        var token = await AppFactory.AntiforgeryTokenAsync(client, "/");

        foreach (var url in new[]
                 {
                     $"/accounts/{foreign.Id}/incidents/new", $"/incidents/{incident.Id}", $"/incidents/{incident.Id}/edit",
                     $"/incidents/{incident.Id}/first-response", $"/incidents/{incident.Id}/resolve", $"/api/incidents/{incident.Id}",
                 })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} answered {(int)response.StatusCode}");
        }

        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Id"] = incident.Id.ToString(), ["AccountId"] = foreign.Id.ToString(),
            ["Version"] = incident.Version.ToString(), ["DeviceId"] = foreignDevice.Id.ToString(), ["Severity"] = "Minor",
            ["Category"] = "HIJACK", ["ExternalId"] = "HIJACK-1", ["OpenedAt"] = Iso(Now.AddHours(-1)),
        };
        foreach (var url in new[]
                 {
                     $"/accounts/{foreign.Id}/incidents/new", $"/incidents/{incident.Id}/edit", $"/incidents/{incident.Id}/first-response",
                     $"/incidents/{incident.Id}/resolve",
                 })
        {
            var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {url} answered {(int)response.StatusCode}");
        }

        var create = await client.PostAsJsonAsync("/api/incidents", new { AccountId = foreign.Id, DeviceId = foreignDevice.Id, Category = "HIJACK" }, Json.Options);
        var put = await client.PutAsJsonAsync($"/api/incidents/{incident.Id}", new
        {
            ExternalId = "HIJACK-2", DeviceId = foreignDevice.Id, incident.OpenedAt, Severity = "Minor", Category = "HIJACK", incident.Version,
        }, Json.Options);
        var respond = await client.PostAsJsonAsync($"/api/incidents/{incident.Id}/first-response", new { incident.Version }, Json.Options);
        var resolve = await client.PostAsJsonAsync($"/api/incidents/{incident.Id}/resolve", new { incident.Version }, Json.Options);
        var otherDevice = await client.PostAsJsonAsync("/api/incidents", new { AccountId = own.Id, DeviceId = foreignDevice.Id, Category = "HIJACK" }, Json.Options);
        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, respond.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, resolve.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherDevice.StatusCode);
        Assert.Equal(["DeviceId"], (await otherDevice.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);

        var mineOpen = await IncidentAsync(ownDevice, Now.AddHours(-1), IncidentSeverity.Minor);
        var list = await client.GetFromJsonAsync<ApiPage<IncidentList.Row>>("/api/incidents?status=All&pageSize=200", Json.Options);
        var byTerritory = await client.GetFromJsonAsync<ApiPage<IncidentList.Row>>($"/api/incidents?territoryId={theirs.Id}", Json.Options);
        var byAccount = await client.GetFromJsonAsync<ApiPage<IncidentList.Row>>($"/api/incidents?accountId={foreign.Id}", Json.Options);
        var page = await client.GetStringAsync("/incidents");
        Assert.Equal([mineOpen.Id], list!.Items.Select(r => r.Id));
        Assert.Empty(byTerritory!.Items);
        Assert.Empty(byAccount!.Items);
        Assert.DoesNotContain(incident.ExternalId, page);
        Assert.Contains(mineOpen.ExternalId, page);

        var (stored, planted) = await app.WithDbAsync(async (db, _) => (
            await db.Incidents.SingleAsync(i => i.Id == incident.Id),
            await db.Incidents.AnyAsync(i => i.Category == "HIJACK")));
        Assert.Equal((IncidentStatus.Open, incident.Version, "Alarm fault"), (stored.Status, stored.Version, stored.Category));
        Assert.False(planted);
    }

    [DbFact]
    public async Task A_manager_sees_the_regions_incidents_and_an_executive_reads_but_cannot_change_them()
    {
        var region = $"R-{Guid.NewGuid():N}"[..12];
        var territory = await app.CreateTerritoryAsync(region);
        var elsewhere = await app.CreateTerritoryAsync();
        var account = await app.CreateAccountAsync(territory.Id);
        var outside = await app.CreateAccountAsync(elsewhere.Id);
        var incident = await IncidentAsync(await DeviceAsync(account.Id), Now.AddHours(-1), IncidentSeverity.Major);
        var far = await IncidentAsync(await DeviceAsync(outside.Id), Now.AddHours(-1), IncidentSeverity.Major);
        var manager = await app.CreateUserAsync(Roles.Manager, region: region);
        var executive = await app.CreateUserAsync(Roles.Executive, twoFactor: true);

        var managerClient = await app.SignInAsync(manager);
        var managerList = await managerClient.GetFromJsonAsync<ApiPage<IncidentList.Row>>("/api/incidents?pageSize=200", Json.Options);
        var executiveClient = await Admin.AdminClient.SignInWithCodeAsync(app, executive);
        var details = await executiveClient.GetAsync($"/incidents/{incident.Id}");
        var resolve = await executiveClient.PostAsJsonAsync($"/api/incidents/{incident.Id}/resolve", new { incident.Version }, Json.Options);
        var form = await executiveClient.GetAsync($"/accounts/{account.Id}/incidents/new");

        Assert.Contains(managerList!.Items, r => r.Id == incident.Id);
        Assert.DoesNotContain(managerList.Items, r => r.Id == far.Id);
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.DoesNotContain("/resolve", await details.Content.ReadAsStringAsync());
        Assert.True(resolve.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"resolve answered {(int)resolve.StatusCode}");
        Assert.True(form.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"the form answered {(int)form.StatusCode}");
        Assert.Equal(IncidentStatus.Open, await app.WithDbAsync(async (db, _) => (await db.Incidents.FindAsync(incident.Id))!.Status));
    }
}

public sealed class IncidentsTestsOnSqlite(SqliteAppFactory app) : IncidentsTests(app), IClassFixture<SqliteAppFactory>;

public sealed class IncidentsTestsOnPostgreSql(PostgreSqlAppFactory app) : IncidentsTests(app), IClassFixture<PostgreSqlAppFactory>;

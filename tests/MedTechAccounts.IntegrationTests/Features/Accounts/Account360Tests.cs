using System.Net;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Accounts;
using MedTechAccounts.Core.Features.InstallBase;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.IntegrationTests.Features.Accounts;

/// <summary>
/// The rep home's priority list and the account 360 blocks on hand-made data whose answers are known: priority
/// order, the quarterly trend's boundaries and gaps, who met each contact, install-base ages and ends of life,
/// the interaction timeline, and their CSV exports.
/// </summary>
public abstract class Account360Tests(AppFactory app)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private sealed record World(ApplicationUser Rep, Territory Territory, Territory Other);

    private async Task<World> WorldAsync()
    {
        var region = $"R-{Guid.NewGuid():N}"[..12];
        var territory = await app.CreateTerritoryAsync(region);
        var other = await app.CreateTerritoryAsync(region);
        var rep = await app.CreateUserAsync(Roles.Rep, [territory.Id]);
        return new World(rep, territory, other);
    }

    private Task<T> AsRep<T>(ApplicationUser rep, Func<Mediator.ISender, ValueTask<T>> send) => app.SendAsAsync(TestUser.Of(rep, Roles.Rep), send);

    private Task ScoreAsync(Guid accountId, DateOnly asOf, double health, decimal clv, RiskTier tier = RiskTier.Watch, string reason = "A reason.", bool backfilled = false) =>
        app.WithDbAsync(async db =>
        {
            db.AccountScores.Add(new AccountScore
            {
                AccountId = accountId, AsOf = asOf, ComputedAt = asOf.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc),
                HealthScore = health, RiskTier = tier, Clv = clv, ClvRepeat = clv, SignalDetails = "{}", TopReason = reason, Backfilled = backfilled,
            });
            await db.SaveChangesAsync();
        });

    private Task<InstalledDevice> DeviceAsync(Guid accountId, string family, int serviceLifeMonths, DateOnly installed,
        string? competitor = null, DeviceStatus status = DeviceStatus.Active) => app.WithDbAsync(async (db, _) =>
    {
        var product = new Product
        {
            Sku = $"SKU-{Guid.NewGuid():N}"[..16], Name = $"{family} unit", Family = family, Category = ProductCategory.Capital,
            ListPrice = 1000m, ServiceLifeMonths = serviceLifeMonths,
        };
        var device = new InstalledDevice
        {
            AccountId = accountId, Product = product, SerialNumber = $"SN-{Guid.NewGuid():N}"[..14], InstallDate = installed,
            Status = status, Competitor = competitor,
        };
        db.AddRange(product, device);
        await db.SaveChangesAsync();
        return device;
    });

    private async Task IncidentAsync(Guid accountId, IncidentSeverity severity, bool resolved = false)
    {
        var device = await DeviceAsync(accountId, "Monitoring", 96, Today.AddYears(-2));
        await app.WithDbAsync(async db =>
        {
            var opened = DateTime.UtcNow.AddHours(-30);
            db.Incidents.Add(new ServiceIncident
            {
                ExternalId = $"INC-{Guid.NewGuid():N}"[..20], AccountId = accountId, DeviceId = device.Id, OpenedAt = opened, Severity = severity,
                Category = "Alarm", ResolvedAt = resolved ? opened.AddHours(5) : null, FirstResponseAt = resolved ? opened.AddHours(1) : null,
                Status = resolved ? IncidentStatus.Resolved : IncidentStatus.Open,
            });
            await db.SaveChangesAsync();
        });
    }

    private async Task<ServiceIncident> ResolvedIncidentAsync(Guid accountId, IncidentSeverity severity, DateTime openedAt, TimeSpan respondedAfter, DateTime? resolvedAt)
    {
        var device = await DeviceAsync(accountId, "Monitoring", 96, Today.AddYears(-2));
        return await app.WithDbAsync(async (db, _) =>
        {
            var incident = new ServiceIncident
            {
                ExternalId = $"INC-{Guid.NewGuid():N}"[..20], AccountId = accountId, DeviceId = device.Id, OpenedAt = openedAt, Severity = severity,
                Category = "Alarm", FirstResponseAt = openedAt + respondedAfter, ResolvedAt = resolvedAt,
                Status = resolvedAt is null ? IncidentStatus.Responded : IncidentStatus.Resolved,
            };
            db.Incidents.Add(incident);
            await db.SaveChangesAsync();
            return incident;
        });
    }

    private Task<Contact> ContactAsync(Guid accountId, string name, ContactRole role, ContactInfluence influence) => app.WithDbAsync(async (db, _) =>
    {
        var contact = new Contact { AccountId = accountId, ExternalId = $"CON-{Guid.NewGuid():N}"[..20], Name = name, Role = role, Influence = influence };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    });

    private Task<Interaction> InteractionAsync(Guid accountId, Guid repId, DateTime occurredAt, params Guid[] contacts) => app.WithDbAsync(async (db, _) =>
    {
        var interaction = new Interaction
        {
            AccountId = accountId, RepId = repId, OccurredAt = occurredAt, ExternalId = $"INT-{Guid.NewGuid():N}", Type = InteractionType.Visit,
            Notes = $"Visit of {occurredAt:yyyy-MM-dd}", Source = InteractionSource.Web,
            Contacts = [.. contacts.Select(c => new InteractionContact { ContactId = c })],
        };
        db.Interactions.Add(interaction);
        await db.SaveChangesAsync();
        return interaction;
    });

    [DbFact]
    public async Task The_priority_list_puts_open_critical_incidents_first_then_orders_by_clv_times_risk_from_the_latest_score()
    {
        var w = await WorldAsync();
        var steady = await app.CreateAccountAsync(w.Territory.Id, "Steady General");      // 100 000 × 0.2 = 20 000
        var slipping = await app.CreateAccountAsync(w.Territory.Id, "Slipping Medical");   // 50 000 × 0.8 = 40 000
        var burning = await app.CreateAccountAsync(w.Territory.Id, "Burning Clinic");      // 10 000 × 0.1 = 1 000, open critical incident
        var unscored = await app.CreateAccountAsync(w.Territory.Id, "Unscored Surgery Center");
        var foreign = await app.CreateAccountAsync(w.Other.Id, "Foreign Hospital");
        await ScoreAsync(steady.Id, Today.AddDays(-1), 80, 100_000m, RiskTier.Healthy);
        await ScoreAsync(slipping.Id, Today.AddDays(-40), 95, 900_000m, RiskTier.Healthy); // older: not used
        await ScoreAsync(slipping.Id, Today.AddDays(-2), 20, 50_000m, RiskTier.AtRisk, "No visit in 140 days.");
        await ScoreAsync(burning.Id, Today.AddDays(-1), 90, 10_000m, RiskTier.Healthy);
        await ScoreAsync(foreign.Id, Today.AddDays(-1), 0, 9_000_000m, RiskTier.AtRisk);
        await IncidentAsync(burning.Id, IncidentSeverity.Critical);
        await IncidentAsync(steady.Id, IncidentSeverity.Critical, resolved: true); // resolved: does not count
        await IncidentAsync(steady.Id, IncidentSeverity.Minor);                     // open but not critical

        var result = await AsRep(w.Rep, s => s.Send(new AccountPriorities.Query()));

        Assert.Equal([burning.Id, slipping.Id, steady.Id, unscored.Id], result.Rows.Select(r => r.AccountId));
        Assert.Equal([1, 2, 3, 4], result.Rows.Select(r => r.Rank));
        Assert.Equal(4, result.TotalCount);
        Assert.Equal(Today.AddDays(-1), result.ScoresAsOf);
        Assert.Equal(Today.AddDays(-2), result.OldestScoreAsOf);
        var (first, second, third, last) = (result.Rows[0], result.Rows[1], result.Rows[2], result.Rows[3]);
        Assert.Equal((1, 1, 1_000m), (first.OpenCriticalIncidents, first.OpenIncidents, first.Priority));
        Assert.Equal((20d, 50_000m, 0.8, 40_000m, "No visit in 140 days."), (second.HealthScore!.Value, second.Clv!.Value, second.Risk!.Value, second.Priority!.Value, second.TopReason));
        Assert.Equal((0, 1, 20_000m), (third.OpenCriticalIncidents, third.OpenIncidents, third.Priority));
        Assert.Null(last.Priority);
        Assert.Null(last.ScoreAsOf);

        var top2 = await AsRep(w.Rep, s => s.Send(new AccountPriorities.Query { Take = 2 }));
        Assert.Equal([burning.Id, slipping.Id], top2.Rows.Select(r => r.AccountId));
        Assert.Equal(4, top2.TotalCount);
    }

    [DbFact]
    public async Task The_rep_home_shows_the_priority_list_and_exports_all_of_it_as_csv()
    {
        var w = await WorldAsync();
        var low = await app.CreateAccountAsync(w.Territory.Id, "Low Priority Hospital");
        var high = await app.CreateAccountAsync(w.Territory.Id, "=High Priority Hospital");
        await ScoreAsync(low.Id, Today.AddDays(-3), 70, 10_000m);
        await ScoreAsync(high.Id, Today.AddDays(-3), 30, 200_000m, RiskTier.AtRisk);
        var client = await app.SignInAsync(w.Rep);

        var home = await client.GetStringAsync("/");
        var csv = await client.GetAsync("/?format=csv");
        var text = await csv.Content.ReadAsStringAsync();

        Assert.True(home.IndexOf(high.Id.ToString(), StringComparison.Ordinal) < home.IndexOf(low.Id.ToString(), StringComparison.Ordinal));
        Assert.Contains($"Scores as of <time datetime=\"{Today.AddDays(-3):yyyy-MM-dd}\"", home);
        Assert.Contains($"/accounts/{high.Id}/visits/new", home);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Rank,Account,AccountId,", lines[0]);
        Assert.StartsWith($"1,'=High Priority Hospital,{high.Id},", lines[1]);
        var cells = lines[1].Split(',');
        Assert.Equal(("30", "At risk", "A reason."), (cells[8], cells[9], cells[14])); // the tier in words
        Assert.Equal((200_000m, 0.7m, 140_000m), (Number(cells[10]), Number(cells[11]), Number(cells[12])));
        Assert.StartsWith($"2,Low Priority Hospital,{low.Id},", lines[2]);
    }

    private static decimal Number(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [DbFact]
    public async Task The_trend_takes_the_latest_snapshot_inside_each_quarter_and_leaves_quarters_without_one_as_gaps()
    {
        var w = await WorldAsync();
        var account = await app.CreateAccountAsync(w.Territory.Id);
        var calendar = app.Services.GetRequiredService<FiscalCalendar>();
        var q = new FiscalQuarter[8];
        q[7] = calendar.QuarterOf(Today);
        for (var i = 6; i >= 0; i--)
        {
            q[i] = q[i + 1].Previous();
        }

        await ScoreAsync(account.Id, calendar.Start(q[0]).AddDays(-1), 99, 999m);     // before the window: never carried into it
        await ScoreAsync(account.Id, calendar.Start(q[0]).AddDays(5), 40, 4_000m);
        await ScoreAsync(account.Id, calendar.End(q[0]).AddDays(-3), 41, 4_100m);     // the latest in q0
        await ScoreAsync(account.Id, calendar.End(q[2]), 52, 5_200m, backfilled: true); // on q2's last day: q2's, reconstructed later
        await ScoreAsync(account.Id, calendar.Start(q[4]), 64, 6_400m);               // on q4's first day: q4's, not q3's
        await ScoreAsync(account.Id, Today, 77, 7_700m);                              // the current quarter, to date

        var trend = await AsRep(w.Rep, s => s.Send(new AccountTrend.Query(account.Id)));

        Assert.Equal(q.Select(x => x.Label), trend.Quarters.Select(p => p.Quarter));
        Assert.Equal(new double?[] { 41, null, 52, null, 64, null, null, 77 }, trend.Quarters.Select(p => p.HealthScore));
        Assert.Equal(new decimal?[] { 4_100m, null, 5_200m, null, 6_400m, null, null, 7_700m }, trend.Quarters.Select(p => p.Clv));
        Assert.Equal(new DateOnly?[] { calendar.End(q[0]).AddDays(-3), null, calendar.End(q[2]), null, calendar.Start(q[4]), null, null, Today },
            trend.Quarters.Select(p => p.AsOf));
        Assert.Equal(4, trend.Gaps);
        Assert.Equal([false, false, false, false, false, false, false, true], trend.Quarters.Select(p => p.Current));
        Assert.Equal([false, false, true, false, false, false, false, false], trend.Quarters.Select(p => p.Backfilled));
        Assert.Equal(calendar.Start(q[3]), trend.Quarters[3].Start);
        Assert.Equal(calendar.End(q[3]), trend.Quarters[3].End);
    }

    [DbFact]
    public async Task The_influence_map_groups_contacts_and_names_who_met_each_in_the_last_year()
    {
        var w = await WorldAsync();
        var colleague = await app.CreateUserAsync(Roles.Rep, [w.Territory.Id]);
        var account = await app.CreateAccountAsync(w.Territory.Id);
        var cfo = await ContactAsync(account.Id, "Cora CFO", ContactRole.Executive, ContactInfluence.DecisionMaker);
        var surgeon = await ContactAsync(account.Id, "Sam Surgeon", ContactRole.Clinician, ContactInfluence.Influencer);
        var nurse = await ContactAsync(account.Id, "Nina Nurse", ContactRole.Nursing, ContactInfluence.User);
        var buyer = await ContactAsync(account.Id, "Bo Buyer", ContactRole.Purchasing, ContactInfluence.DecisionMaker);
        var now = DateTime.UtcNow;
        await InteractionAsync(account.Id, w.Rep.Id, now.AddDays(-10), cfo.Id, surgeon.Id);
        await InteractionAsync(account.Id, w.Rep.Id, now.AddDays(-100), cfo.Id);
        await InteractionAsync(account.Id, colleague.Id, now.AddDays(-200), cfo.Id);
        await InteractionAsync(account.Id, colleague.Id, now.AddDays(-400), surgeon.Id, buyer.Id); // more than a year ago
        await InteractionAsync(account.Id, w.Rep.Id, now.AddDays(-5));                             // nobody present

        var map = await AsRep(w.Rep, s => s.Send(new InfluenceMap.Query(account.Id)));

        // By role (the enum's order), then influence.
        Assert.Equal([surgeon.Id, nurse.Id, buyer.Id, cfo.Id], map.Contacts.Select(c => c.Id));
        Assert.Equal([ContactRole.Clinician, ContactRole.Nursing, ContactRole.Purchasing, ContactRole.Executive], map.ByRole.Select(g => g.Key));
        var byId = map.Contacts.ToDictionary(c => c.Id);
        Assert.Equal(new[] { (w.Rep.Id, 2), (colleague.Id, 1) }, byId[cfo.Id].MetBy.Select(p => (p.Id, p.Meetings)));
        Assert.Equal(InfluenceMap.Coverage.Shared, byId[cfo.Id].Coverage);
        Assert.Equal(3, byId[cfo.Id].Meetings);
        Assert.Equal([w.Rep.Id], byId[surgeon.Id].MetBy.Select(p => p.Id));
        Assert.Equal(InfluenceMap.Coverage.OnePerson, byId[surgeon.Id].Coverage);
        Assert.Empty(byId[nurse.Id].MetBy);
        Assert.Empty(byId[buyer.Id].MetBy);
        Assert.Null(byId[buyer.Id].LastMet);
        Assert.Equal((1, 2, 2), (map.MetByOnePerson, map.NotMet, map.KeyContactsAtRisk));
        Assert.Equal(new[] { (w.Rep.DisplayName, 1) }, map.SoleContacts.Select(s => (s.Person, s.Contacts)));

        var client = await app.SignInAsync(w.Rep);
        var csv = await client.GetStringAsync($"/accounts/{account.Id}/influence/export.csv");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("Contact,Title,Role,Influence,Coverage,MetBy,", lines[0]);
        Assert.StartsWith($"Cora CFO,,Executive,Decision maker,Shared,{w.Rep.DisplayName}; {colleague.DisplayName},", lines[4]);
        Assert.StartsWith("Bo Buyer,,Purchasing,Decision maker,Not met,,", lines[3]); // words, not the codes
        var page = await client.GetStringAsync($"/accounts/{account.Id}");
        Assert.Contains("Only one relationship", page);
        Assert.Contains("Not met in the last year", page);
    }

    [DbFact]
    public async Task The_install_base_timeline_counts_active_devices_per_family_by_age_and_end_of_service_life()
    {
        var w = await WorldAsync();
        var account = await app.CreateAccountAsync(w.Territory.Id);
        var nearEnd = Today.AddMonths(-115);
        await DeviceAsync(account.Id, "Ventilation", 120, Today.AddMonths(-130));                  // past its end
        await DeviceAsync(account.Id, "Ventilation", 120, nearEnd);                                // ends in 5 months
        await DeviceAsync(account.Id, "Ventilation", 120, Today.AddMonths(-24));                   // ends in 8 years
        await DeviceAsync(account.Id, "Ventilation", 120, Today.AddMonths(-100), competitor: "Acme"); // ends in 20 months
        await DeviceAsync(account.Id, "Ventilation", 120, Today.AddMonths(-200), status: DeviceStatus.Decommissioned);
        await DeviceAsync(account.Id, "Consumables", 0, Today.AddMonths(-12));

        var timeline = await AsRep(w.Rep, s => s.Send(new InstallBaseTimeline.Query(account.Id)));

        Assert.Equal(["Consumables", "Ventilation"], timeline.Families.Select(f => f.Family));
        var consumables = timeline.Families[0];
        Assert.Equal((1, 1, 0, 12, 12, (DateOnly?)null, 1), (consumables.Active, consumables.Ours, consumables.Competitors,
            consumables.AverageAgeMonths, consumables.OldestAgeMonths, consumables.NextEndOfServiceLife, consumables.NoServiceLife));
        var ventilation = timeline.Families[1];
        Assert.Equal((4, 3, 1), (ventilation.Active, ventilation.Ours, ventilation.Competitors));
        Assert.Equal((92, 130), (ventilation.AverageAgeMonths, ventilation.OldestAgeMonths)); // (130 + 115 + 24 + 100) / 4 = 92.25
        Assert.Equal(nearEnd.AddMonths(120), ventilation.NextEndOfServiceLife);
        Assert.Equal((1, 1, 1, 1, 0), (ventilation.PastEnd, ventilation.WithinYear, ventilation.OneToThreeYears, ventilation.Later, ventilation.NoServiceLife));
        Assert.Equal((5, 1, 1), (timeline.Active, timeline.PastEnd, timeline.WithinYear));
    }

    [DbFact]
    public async Task The_interaction_timeline_pages_newest_first_with_contacts_and_exports_every_interaction()
    {
        var w = await WorldAsync();
        var account = await app.CreateAccountAsync(w.Territory.Id);
        var contact = await ContactAsync(account.Id, "Dr. Ana Ruiz", ContactRole.Clinician, ContactInfluence.DecisionMaker);
        var start = DateTime.UtcNow.AddDays(-30);
        for (var i = 0; i < 12; i++)
        {
            await InteractionAsync(account.Id, w.Rep.Id, start.AddDays(i), i == 11 ? new[] { contact.Id } : []);
        }

        var first = (await AsRep(w.Rep, s => s.Send(new InteractionTimeline.Query(account.Id)))).Interactions;
        var second = (await AsRep(w.Rep, s => s.Send(new InteractionTimeline.Query(account.Id) { Page = 2 }))).Interactions;

        Assert.Equal(12, first.TotalCount);
        Assert.Equal(10, first.Items.Count);
        Assert.Equal(2, second.Items.Count);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => start.AddDays(11 - i).ToString("yyyy-MM-dd")),
            first.Items.Concat(second.Items).Select(r => r.OccurredAt.ToString("yyyy-MM-dd")));
        Assert.Equal(["Dr. Ana Ruiz"], first.Items[0].Contacts.Select(c => c.Name));
        Assert.Equal(w.Rep.DisplayName, first.Items[0].RepName);

        var client = await app.SignInAsync(w.Rep);
        var accountPage = await client.GetStringAsync($"/accounts/{account.Id}");
        Assert.Contains($"/accounts/{account.Id}/timeline?page=2", accountPage);
        Assert.Contains("Show more (2 older)", accountPage);
        var pageTwo = await client.GetStringAsync($"/accounts/{account.Id}/timeline?page=2");
        Assert.Contains("Page 2 of 2", pageTwo);
        Assert.Contains($"<h1 class=\"h3 mb-3\">{account.Name}</h1>", pageTwo);
        var csv = await client.GetStringAsync($"/accounts/{account.Id}/timeline?format=csv");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(13, lines.Length);
        Assert.StartsWith("OccurredAt,Type,By,Contacts,", lines[0]);
        Assert.Contains($",Visit,{w.Rep.DisplayName},Dr. Ana Ruiz,", lines[1]);
    }

    [DbFact]
    public async Task The_account_page_lists_incidents_resolved_in_the_last_90_days_newest_first_with_their_sla()
    {
        var w = await WorldAsync();
        var account = await app.CreateAccountAsync(w.Territory.Id);
        var now = DateTime.UtcNow;
        var met = await ResolvedIncidentAsync(account.Id, IncidentSeverity.Critical, now.AddDays(-10).AddHours(-5), TimeSpan.FromHours(1), now.AddDays(-10));
        var breached = await ResolvedIncidentAsync(account.Id, IncidentSeverity.Major, now.AddDays(-31), TimeSpan.FromHours(30), now.AddDays(-30));
        await ResolvedIncidentAsync(account.Id, IncidentSeverity.Minor, now.AddDays(-121), TimeSpan.FromHours(2), now.AddDays(-120)); // too long ago
        await ResolvedIncidentAsync(account.Id, IncidentSeverity.Minor, now.AddDays(-1), TimeSpan.FromHours(2), null);                 // still open

        var recent = await AsRep(w.Rep, s => s.Send(new MedTechAccounts.Core.Features.Incidents.RecentIncidents.Query(account.Id)));

        Assert.Equal(2, recent.TotalCount);
        Assert.Equal([met.Id, breached.Id], recent.Rows.Select(r => r.Id));
        Assert.Equal([MedTechAccounts.Core.Features.Incidents.SlaStatus.Met, MedTechAccounts.Core.Features.Incidents.SlaStatus.Breached],
            recent.Rows.Select(r => r.Sla));
        var client = await app.SignInAsync(w.Rep);
        var page = await client.GetStringAsync($"/accounts/{account.Id}");
        Assert.Contains("Resolved in the last 90 days", page);
        Assert.Contains(breached.ExternalId, page);
    }

    [DbFact]
    public async Task The_account_360_blocks_and_exports_of_a_foreign_account_answer_404()
    {
        var w = await WorldAsync();
        var foreign = await app.CreateAccountAsync(w.Other.Id);
        var client = await app.SignInAsync(w.Rep);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/accounts/{foreign.Id}/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/accounts/{foreign.Id}/timeline?format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/accounts/{foreign.Id}/influence/export.csv")).StatusCode);
        await Assert.ThrowsAsync<MedTechAccounts.Core.Infrastructure.NotFoundException>(() =>
            AsRep(w.Rep, s => s.Send(new AccountTrend.Query(foreign.Id))));
    }
}

public sealed class Account360TestsOnSqlite(SqliteAppFactory app) : Account360Tests(app), IClassFixture<SqliteAppFactory>;

public sealed class Account360TestsOnPostgreSql(PostgreSqlAppFactory app) : Account360Tests(app), IClassFixture<PostgreSqlAppFactory>;

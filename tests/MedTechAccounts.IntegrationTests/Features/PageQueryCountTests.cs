using System.Diagnostics;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MedTechAccounts.IntegrationTests.Features;

/// <summary>
/// How many SQL commands each main page sends, counted from EF Core's diagnostics for this app's own database.
/// A page sends the same number whether its account has 2 or 12 of everything (no query per row), and no more than
/// a fixed budget, so an N+1 or a new query per block cannot come in unnoticed. Asked again with nothing written in
/// between, each page is the caller's kept copy: it sends the change stamp and nothing
/// beyond what checking the session costs any request.
/// </summary>
public abstract class PageQueryCountTests(AppFactory app)
{
    /// <summary>Commands per page: today's count with a little room; raise one only with a reason in the commit.</summary>
    private static readonly Dictionary<string, int> Budget = new()
    {
        ["rep home"] = 19,
        ["account 360"] = 48,
        ["account list"] = 11,
        ["visit form"] = 22,
        ["incidents list"] = 11,
        ["install base"] = 10,
        ["interaction timeline"] = 13,
        ["manager dashboard"] = 32,
        ["executive dashboard"] = 32, // two CLV reads per quarter shown: as of its first day and as of its last
    };

    private sealed record World(ApplicationUser Rep, ApplicationUser Manager, ApplicationUser Executive, Account Small, Account Large);

    private async Task<World> WorldAsync()
    {
        var region = $"R-{Guid.NewGuid():N}"[..12];
        var territory = await app.CreateTerritoryAsync(region);
        var rep = await app.CreateUserAsync(Roles.Rep, [territory.Id]);
        var manager = await app.CreateUserAsync(Roles.Manager, region: region);
        var executive = await app.CreateUserAsync(Roles.Executive, twoFactor: true);
        var small = await app.CreateAccountAsync(territory.Id, ownerRepId: rep.Id);
        var large = await app.CreateAccountAsync(territory.Id, ownerRepId: rep.Id);
        await FillAsync(small.Id, rep.Id, 2);
        await FillAsync(large.Id, rep.Id, 12);
        return new World(rep, manager, executive, small, large);
    }

    /// <summary><paramref name="n"/> each of contacts, devices, incidents, visits with next steps, orders and scores.</summary>
    private Task FillAsync(Guid accountId, Guid repId, int n) => app.WithDbAsync(async db =>
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var product = new Product
        {
            Sku = $"SKU-{Guid.NewGuid():N}"[..16], Name = "Infusion pump", Family = "Infusion", Category = ProductCategory.Capital,
            ListPrice = 1000m, ServiceLifeMonths = 96,
        };
        db.Products.Add(product);
        for (var i = 0; i < n; i++)
        {
            var contact = new Contact { AccountId = accountId, ExternalId = $"CON-{Guid.NewGuid():N}"[..20], Name = $"Contact {i}", Role = ContactRole.Clinician, Influence = ContactInfluence.Influencer };
            var device = new InstalledDevice { AccountId = accountId, Product = product, SerialNumber = $"SN-{Guid.NewGuid():N}"[..14], InstallDate = today.AddYears(-2), Status = DeviceStatus.Active };
            var opened = DateTime.UtcNow.AddDays(-i - 1);
            db.AddRange(contact, device);
            db.Incidents.Add(new ServiceIncident
            {
                ExternalId = $"INC-{Guid.NewGuid():N}"[..20], AccountId = accountId, Device = device, OpenedAt = opened, Severity = IncidentSeverity.Major,
                Category = "Alarm", Status = i % 2 == 0 ? IncidentStatus.Open : IncidentStatus.Resolved,
                FirstResponseAt = i % 2 == 0 ? null : opened.AddHours(2), ResolvedAt = i % 2 == 0 ? null : opened.AddHours(20),
            });
            db.Interactions.Add(new Interaction
            {
                AccountId = accountId, RepId = repId, OccurredAt = opened, ExternalId = $"INT-{Guid.NewGuid():N}", Type = InteractionType.Visit,
                Notes = "Discussed the reorder.", Source = InteractionSource.Web, NextStep = $"Follow up {i}", NextStepDue = today.AddDays(i - 3),
                Contacts = [new InteractionContact { Contact = contact }],
            });
            var order = new Order { ExternalId = $"O-{Guid.NewGuid():N}"[..20], AccountId = accountId, OrderDate = today.AddDays(-30 * i), Type = OrderType.Capital };
            order.Lines.Add(new OrderLine { LineNo = 1, Product = product, Quantity = 1, ListAmount = 1000m, NetAmount = 900m });
            db.Orders.Add(order);
            db.AccountScores.Add(new AccountScore
            {
                AccountId = accountId, AsOf = today.AddDays(-40 * i), ComputedAt = DateTime.UtcNow.AddDays(-40 * i), HealthScore = 60, RiskTier = RiskTier.Watch,
                Clv = 10_000m, ClvRepeat = 10_000m, SignalDetails = "{}", TopReason = "A reason.",
            });
        }

        await db.SaveChangesAsync();
    });

    [DbFact]
    public async Task Every_main_page_sends_the_same_few_commands_however_many_rows_its_account_has()
    {
        var w = await WorldAsync();
        var rep = await app.SignInAsync(w.Rep);
        var manager = await app.SignInAsync(w.Manager);
        var executive = await app.SignInWithCodeAsync(w.Executive);
        var failures = new List<string>();

        async Task CheckAsync(string page, HttpClient client, Func<Account, string> path, bool secondFactor = false)
        {
            var small = await CountAsync(client, path(w.Small));
            var large = await CountAsync(client, path(w.Large));
            if (large != small)
            {
                failures.Add($"{page}: {small} commands with 2 rows of each kind, {large} with 12");
            }

            if (large > Budget[page])
            {
                failures.Add($"{page}: {large} commands, budget {Budget[page]}");
            }

            await CountAsync(client, path(w.Large), cold: false);
            var again = await CountAsync(client, path(w.Large), cold: false);
            // The session's check, for executives and admins the second factor's, and the change stamp.
            var expected = await CountAsync(client, "/health/live", cold: false) + (secondFactor ? 1 : 0) + 1;
            if (again != expected)
            {
                failures.Add($"{page}: {again} commands when asked again with nothing written, not {expected} (the session's checks and the change stamp)");
            }
        }

        await CheckAsync("rep home", rep, _ => "/");
        await CheckAsync("account 360", rep, a => $"/accounts/{a.Id}");
        await CheckAsync("account list", rep, a => $"/accounts?Search={Uri.EscapeDataString(a.Name)}");
        await CheckAsync("visit form", rep, a => $"/accounts/{a.Id}/visits/new");
        await CheckAsync("incidents list", rep, _ => "/incidents");
        await CheckAsync("install base", rep, a => $"/accounts/{a.Id}/devices");
        await CheckAsync("interaction timeline", rep, a => $"/accounts/{a.Id}/timeline");
        await CheckAsync("manager dashboard", manager, _ => "/dashboards/manager");
        await CheckAsync("executive dashboard", executive, _ => "/dashboards/executive", secondFactor: true);

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// Commands this app's database ran while one request was answered (200 required). A cold request carries a query
    /// value of its own, which the page ignores and the page cache keys on, so it is computed, not served from a copy.
    /// </summary>
    private async Task<int> CountAsync(HttpClient client, string path, bool cold = true)
    {
        var connection = await app.WithDbAsync((db, _) => Task.FromResult(db.Database.GetConnectionString()));
        if (cold)
        {
            path += (path.Contains('?') ? "&" : "?") + "cold=" + Guid.NewGuid().ToString("N");
        }

        using var counter = new CommandCounter(connection!);
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        return counter.Count;
    }

    /// <summary>Counts EF Core's "command executing" events whose context uses one connection string.</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string connection;
        private readonly List<IDisposable> subscriptions = [];
        private int count;

        public CommandCounter(string connection)
        {
            this.connection = connection;
            subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Count => Volatile.Read(ref count);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (subscriptions)
                {
                    subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data
                && data.Context?.Database.GetConnectionString() == connection)
            {
                Interlocked.Increment(ref count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (subscriptions)
            {
                subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}

public sealed class PageQueryCountTestsOnSqlite(SqliteAppFactory app) : PageQueryCountTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PageQueryCountTestsOnPostgreSql(PostgreSqlAppFactory app) : PageQueryCountTests(app), IClassFixture<PostgreSqlAppFactory>;

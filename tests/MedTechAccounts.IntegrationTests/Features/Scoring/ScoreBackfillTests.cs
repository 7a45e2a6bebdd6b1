using System.Net;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.IntegrationTests.Features.Scoring;

/// <summary>
/// The point-in-time history on each provider: a backfill writes snapshots marked as backfilled for each past quarter's
/// first and last day, from the facts of then; it leaves today's and live snapshots alone, and a second run replaces its own.
/// The admin scorecard page asks for one (Admin only, audited).
/// </summary>
public abstract class ScoreBackfillTests(AppFactory app)
{
    private static readonly FiscalCalendar Calendar = new();

    private sealed record World(List<Account> Customers, Account Late, Account Live, DateOnly Today, IReadOnlyList<DateOnly> Days);

    /// <summary>24 customers with orders every few weeks for three years, one whose first order came after the oldest day, one with live snapshots.</summary>
    private async Task<World> CreateAsync()
    {
        var territory = await app.CreateTerritoryAsync();
        var customers = new List<Account>();
        for (var i = 0; i < 24; i++)
        {
            customers.Add(await app.CreateAccountAsync(territory.Id));
        }

        var late = await app.CreateAccountAsync(territory.Id);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var days = ScoreBackfill.Days(Calendar, today, 2);
        await app.WithDbAsync(async db =>
        {
            var product = new Product { Sku = $"C-{Guid.NewGuid():N}"[..14], Name = "Sensor kit", Family = "Monitoring", Category = ProductCategory.Consumable, ListPrice = 1_000m };
            db.Products.Add(product);
            Order Order(Account account, DateOnly day, decimal net) => new()
            {
                ExternalId = $"O-{Guid.NewGuid():N}"[..20], AccountId = account.Id, OrderDate = day, Type = OrderType.Consumable,
                Lines = [new OrderLine { LineNo = 1, Product = product, Quantity = 1, ListAmount = net, NetAmount = net }],
            };
            for (var i = 0; i < customers.Count; i++)
            {
                for (var day = today.AddYears(-3).AddDays(i * 3); day < today; day = day.AddDays(20 + (i * 7 % 40)))
                {
                    db.Orders.Add(Order(customers[i], day, 1_000m + (i * 50)));
                }
            }

            // The late customer's first order is a day after the oldest backfilled day.
            db.Orders.Add(Order(late, days[0].AddDays(1), 5_000m));
            await db.SaveChangesAsync();
        });

        // The newest account: its row is created after the orders, so it is the only one no order speaks for.
        var live = customers[0];
        await app.WithDbAsync(async db =>
        {
            db.AccountScores.AddRange(
                new AccountScore { AccountId = live.Id, AsOf = today, Clv = 123m, HealthScore = 55, TopReason = "live today", ComputedAt = DateTime.UtcNow },
                new AccountScore { AccountId = live.Id, AsOf = days[^1], Clv = 456m, HealthScore = 44, TopReason = "live then", ComputedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        return new World(customers, late, live, today, days);
    }

    private Task<BackfillResult> BackfillAsync(IReadOnlyList<DateOnly> days) =>
        app.WithDbAsync((_, sp) => sp.GetRequiredService<ScoreRecomputer>().BackfillAsync(days, null, CancellationToken.None));

    private Task<List<AccountScore>> ScoresAsync(IEnumerable<Guid> accounts)
    {
        var ids = accounts.ToList();
        return app.WithDbAsync((db, _) => db.AccountScores.AsNoTracking().Where(s => ids.Contains(s.AccountId)).OrderBy(s => s.AccountId).ThenBy(s => s.AsOf).ToListAsync());
    }

    [DbFact]
    public async Task A_backfill_writes_each_past_quarter_day_from_the_facts_of_then_and_a_second_run_replaces_only_its_own_snapshots()
    {
        var world = await CreateAsync();
        var fits = await app.WithDbAsync((db, _) => db.ClvFits.CountAsync());
        var everyone = world.Customers.Append(world.Late).Select(a => a.Id).ToList();

        var result = await BackfillAsync(world.Days);
        var first = await ScoresAsync(everyone);
        var again = await BackfillAsync(world.Days);
        var second = await ScoresAsync(everyone);

        Assert.Equal(world.Days.Where(d => d < world.Today), result.Days.Select(d => d.Day));
        Assert.All(result.Days, d => Assert.NotNull(d.Champion)); // a fit of its own on every day
        // Today's live snapshot and the live one on a backfilled day are left as they were.
        Assert.Contains(second, s => s.AccountId == world.Live.Id && s.AsOf == world.Today && s is { Backfilled: false, Clv: 123m, TopReason: "live today" });
        Assert.Contains(second, s => s.AccountId == world.Live.Id && s.AsOf == world.Days[^1] && s is { Backfilled: false, Clv: 456m, TopReason: "live then" });
        Assert.True(result.Days[^1].KeptLive >= 1);
        var backfilled = second.Where(s => s.Backfilled).ToList();
        Assert.All(backfilled, s => Assert.True(s.AsOf < world.Today && world.Days.Contains(s.AsOf) && s.ClvFitId is null));
        Assert.All(world.Days.Where(d => d < world.Today), d => Assert.Equal(d == world.Days[^1] ? 23 : 24,
            backfilled.Count(s => s.AsOf == d && world.Customers.Any(c => c.Id == s.AccountId))));
        Assert.All(backfilled.Where(s => s.AsOf >= world.Days[1]), s => Assert.True(s.Clv > 0 && s.ClvRepeat > 0));
        // Not yet a customer on the oldest day: no snapshot then, one on every later day.
        Assert.DoesNotContain(backfilled, s => s.AccountId == world.Late.Id && s.AsOf == world.Days[0]);
        Assert.Contains(backfilled, s => s.AccountId == world.Late.Id && s.AsOf == world.Days[1]);
        // Idempotent: the same rows with the same values; no fit stored, so live scores keep theirs.
        Assert.Equal(first.Select(Row), second.Select(Row));
        Assert.Equal(result.Snapshots, again.Snapshots);
        Assert.Equal(fits, await app.WithDbAsync((db, _) => db.ClvFits.CountAsync()));
    }

    [DbFact]
    public async Task The_admin_scorecard_page_queues_an_audited_backfill_and_refuses_bad_input_and_other_roles()
    {
        var (client, admin) = await app.SignedInAdminAsync();
        var manager = await app.CreateUserAsync(Roles.Manager, region: "R-backfill");
        var queue = app.Services.GetRequiredService<ScoreBackfillQueue>();
        while (queue.TryDequeue(out _))
        {
        }

        var refused = await AppFactory.PostFormAsync(client, "/admin/scorecard", "/admin/scorecard/backfill", new Dictionary<string, string?> { ["Quarters"] = "13" });
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Quarters: a whole number of past quarters from 1 to 12.", page, StringComparison.Ordinal);
        Assert.False(queue.TryDequeue(out _));

        var queued = await AppFactory.PostFormAsync(client, "/admin/scorecard", "/admin/scorecard/backfill", new Dictionary<string, string?> { ["Quarters"] = "3" });
        Assert.Equal(HttpStatusCode.Redirect, queued.StatusCode);
        Assert.True(queue.TryDequeue(out var quarters));
        Assert.Equal(3, quarters);
        var audit = await app.WithDbAsync((db, _) => db.AuditEntries.AsNoTracking()
            .Where(a => a.UserId == admin.Id && a.Entity == nameof(AccountScore) && a.Field == "(backfill requested)").ToListAsync());
        var days = ScoreBackfill.Days(Calendar, DateOnly.FromDateTime(DateTime.UtcNow), 3);
        Assert.Equal($"3 quarters: {days.Count} days from {days[0]:yyyy-MM-dd} to {days[^1]:yyyy-MM-dd}", Assert.Single(audit).NewValue);

        var other = await app.SignInAsync(manager);
        var denied = await AppFactory.PostWithSessionTokenAsync(other, "/", "/admin/scorecard/backfill", new Dictionary<string, string?> { ["Quarters"] = "3" });
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("denied", denied.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(queue.TryDequeue(out _));
    }

    private static string Row(AccountScore s) =>
        string.Join('|', s.Id, s.AccountId, s.AsOf, s.Backfilled, s.HealthScore, s.RiskTier, s.Clv, s.ClvRepeat, s.ClvContracts, s.ClvReplacement, s.PAlive,
            s.ExpectedOrders, s.SignalDetails, s.TopReason, s.TierReason);
}

public sealed class ScoreBackfillTestsOnSqlite(SqliteAppFactory app) : ScoreBackfillTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ScoreBackfillTestsOnPostgreSql(PostgreSqlAppFactory app) : ScoreBackfillTests(app), IClassFixture<PostgreSqlAppFactory>;

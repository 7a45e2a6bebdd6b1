using System.Globalization;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.Core.Features.Seeding;
using MedTechAccounts.UnitTests.Features.Seeding;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.UnitTests.Features.Scoring;

/// <summary>
/// No look-ahead in the point-in-time history: a fact dated after an as-of day (an order, a touch, an incident, its
/// response or resolution, a device, a contract or its renewal, a survey) never changes that day's backfilled snapshot
/// (scores, signals, tier, CLV and its parts). A seeded loop over generated facts on a small demo portfolio.
/// </summary>
public sealed class BackfillNoLookAheadTests
{
    private const int Cases = 14;
    private static readonly FiscalCalendar Calendar = new();

    [Fact]
    public async Task A_fact_dated_after_an_as_of_day_never_changes_that_days_snapshot()
    {
        await using var database = await SeedDatabase.CreateAsync();
        await database.SeedAsync(SeedOptions.Demo(SeedDatabase.Today) with { Accounts = 40 });
        var portfolio = new BackfillPortfolio(database);
        var days = ScoreBackfill.Days(Calendar, SeedDatabase.Today, 3);
        var first = await portfolio.Recomputer().BackfillAsync(days, null, CancellationToken.None);
        Assert.All(first.Days, d => Assert.NotNull(d.Champion)); // every day had a CLV fit of its own

        var random = new Random(20_261_204);
        for (var i = 0; i < Cases; i++)
        {
            var day = days[random.Next(days.Count)];
            var kind = (FactKind)(i % Enum.GetValues<FactKind>().Length);
            // The facts of earlier cases may be dated on or before this day: its snapshot is taken again before each case.
            await portfolio.Recomputer().BackfillAsync([day], null, CancellationToken.None);
            var baseline = await SnapshotsAsync(database);
            var added = await AddFactAfterAsync(database, random, day, kind);
            await portfolio.Recomputer().BackfillAsync([day], null, CancellationToken.None);

            var now = await SnapshotsAsync(database);
            Assert.True(baseline[day].Count > 0);
            var changed = baseline[day].Except(now[day], StringComparer.Ordinal).FirstOrDefault();
            Assert.True(changed is null && baseline[day].Count == now[day].Count,
                $"case {i}: {kind} ({added}) after {day:yyyy-MM-dd} changed that day's snapshots: {changed} became {now[day].Except(baseline[day], StringComparer.Ordinal).FirstOrDefault()}");
        }
    }

    [Fact]
    public async Task A_fact_dated_on_the_as_of_day_does_change_it()
    {
        // The comparison above can fail: an order on the day itself is part of that day's history.
        await using var database = await SeedDatabase.CreateAsync();
        await database.SeedAsync(SeedOptions.Demo(SeedDatabase.Today) with { Accounts = 40 });
        var portfolio = new BackfillPortfolio(database);
        var day = ScoreBackfill.Days(Calendar, SeedDatabase.Today, 1)[0];
        await portfolio.Recomputer().BackfillAsync([day], null, CancellationToken.None);
        var before = (await SnapshotsAsync(database))[day];

        var account = await database.Db.Accounts.AsNoTracking().OrderBy(a => a.ExternalId).FirstAsync();
        await AddOrderAsync(database, account.Id, day, 250_000m);
        await portfolio.Recomputer().BackfillAsync([day], null, CancellationToken.None);

        Assert.False(before.SequenceEqual((await SnapshotsAsync(database))[day]));
    }

    private enum FactKind { Order, Touch, Incident, LateResponse, Device, Contract, Renewal, Survey }

    private static async Task<string> AddFactAfterAsync(SeedDatabase database, Random random, DateOnly day, FactKind kind)
    {
        var db = database.Db;
        var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.ExternalId).Select(a => a.Id).ToListAsync();
        var accountId = accounts[random.Next(accounts.Count)];
        var end = ScoreBackfill.EndOf(day);
        // From the first tick after the day to a month past today: the boundary is as likely as the far future.
        var at = random.Next(3) == 0 ? end.AddTicks(1) : end.AddMinutes(random.Next(1, (SeedDatabase.Today.DayNumber - day.DayNumber + 30) * 24 * 60));
        var date = DateOnly.FromDateTime(at);
        var device = await db.Devices.AsNoTracking().Where(d => d.AccountId == accountId).OrderBy(d => d.SerialNumber).FirstOrDefaultAsync()
            ?? await db.Devices.AsNoTracking().OrderBy(d => d.SerialNumber).FirstAsync();
        switch (kind)
        {
            case FactKind.Order:
                await AddOrderAsync(database, accountId, date, random.Next(1, 200) * 1_000m);
                break;
            case FactKind.Touch:
                var rep = await db.Users.AsNoTracking().OrderBy(u => u.Email).Select(u => u.Id).FirstAsync();
                var contact = await db.Contacts.AsNoTracking().Where(c => c.AccountId == accountId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
                var touch = new Interaction
                {
                    ExternalId = $"LA-{Guid.NewGuid():N}"[..20], AccountId = accountId, RepId = rep, OccurredAt = at,
                    Type = (InteractionType)random.Next(7), Sentiment = random.Next(-2, 3), VoiceOfCustomer = "Slow service\nPrice too high",
                };
                if (contact is { } c)
                {
                    touch.Contacts.Add(new InteractionContact { ContactId = c });
                }

                db.Interactions.Add(touch);
                break;
            case FactKind.Incident:
                db.Incidents.Add(new ServiceIncident
                {
                    ExternalId = $"LA-{Guid.NewGuid():N}"[..20], AccountId = device.AccountId, DeviceId = device.Id, OpenedAt = at,
                    Severity = IncidentSeverity.Critical, Category = "Failure", Status = IncidentStatus.Open,
                });
                break;
            case FactKind.LateResponse:
                // An incident open on the day, answered and resolved only after it.
                var open = await db.Incidents.Where(i => i.OpenedAt <= end && (i.ResolvedAt == null || i.ResolvedAt > end)).OrderBy(i => i.OpenedAt).FirstOrDefaultAsync();
                if (open is null)
                {
                    return "skipped: no incident was open on the day";
                }

                open.FirstResponseAt = open.FirstResponseAt is { } r && r <= end ? r : at;
                open.ResolvedAt = at.AddHours(2);
                open.Status = IncidentStatus.Resolved;
                break;
            case FactKind.Device:
                var product = await db.Products.AsNoTracking().Where(p => p.ServiceLifeMonths > 0).OrderBy(p => p.Sku).FirstAsync();
                db.Devices.Add(new InstalledDevice
                {
                    AccountId = accountId, ProductId = product.Id, SerialNumber = $"LA-{Guid.NewGuid():N}"[..20], InstallDate = date,
                    WarrantyEnd = date.AddYears(1), Status = DeviceStatus.Active,
                });
                break;
            case FactKind.Contract:
                db.ServiceContracts.Add(new ServiceContract
                {
                    ExternalId = $"LA-{Guid.NewGuid():N}"[..20], AccountId = accountId, Start = date, End = date.AddYears(1).AddDays(-1), AnnualValue = 48_000m,
                });
                break;
            case FactKind.Renewal:
                // The renewal of a contract that was running on the day, starting after it.
                var running = await db.ServiceContracts.AsNoTracking()
                    .Where(c => c.Start <= day && c.End >= day && !db.ServiceContracts.Any(n => n.RenewedFromId == c.Id))
                    .OrderBy(c => c.ExternalId).FirstOrDefaultAsync();
                if (running is null)
                {
                    return "skipped: no contract was running on the day";
                }

                var start = running.End.AddDays(1) > day ? running.End.AddDays(1) : day.AddDays(1);
                db.ServiceContracts.Add(new ServiceContract
                {
                    ExternalId = $"LA-{Guid.NewGuid():N}"[..20], AccountId = running.AccountId, Start = start, End = start.AddYears(1).AddDays(-1),
                    AnnualValue = running.AnnualValue, RenewedFromId = running.Id,
                });
                break;
            case FactKind.Survey:
                db.SurveyResponses.Add(new SurveyResponse { AccountId = accountId, Date = date, Nps = random.Next(0, 11) });
                break;
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return string.Create(CultureInfo.InvariantCulture, $"at {at:O}");
    }

    private static async Task AddOrderAsync(SeedDatabase database, Guid accountId, DateOnly date, decimal amount)
    {
        var db = database.Db;
        var product = await db.Products.AsNoTracking().Where(p => p.Category == ProductCategory.Capital).OrderBy(p => p.Sku).FirstAsync();
        db.Orders.Add(new Order
        {
            ExternalId = $"LA-{Guid.NewGuid():N}"[..20], AccountId = accountId, OrderDate = date, Type = OrderType.Capital,
            Lines = [new OrderLine { LineNo = 1, ProductId = product.Id, Quantity = 1, ListAmount = amount, NetAmount = amount * 0.9m }],
        });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    /// <summary>Every backfilled snapshot per day as one line per account: every column but the id and the computing time.</summary>
    private static async Task<Dictionary<DateOnly, List<string>>> SnapshotsAsync(SeedDatabase database)
    {
        var rows = await database.Db.AccountScores.AsNoTracking().Where(s => s.Backfilled).ToListAsync();
        return rows.GroupBy(s => s.AsOf).ToDictionary(g => g.Key, g => g
            .Select(s => string.Join('|', new object?[]
            {
                s.AccountId, s.HealthScore, s.RiskTier, s.TierReason, s.Clv, s.ClvRepeat, s.ClvContracts, s.ClvReplacement, s.PAlive, s.ExpectedOrders,
                s.EngagementRecency, s.PostSaleSilence, s.RepDependency, s.InfluencerCoverage, s.ServiceExperience, s.DiscountDependency,
                s.InstallBaseRisk, s.VoiceOfCustomer, s.PurchaseVitality, s.SignalDetails, s.TopReason, s.ClvFitId,
            }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))
            .Order(StringComparer.Ordinal)
            .ToList());
    }
}

/// <summary>A recomputer over a <see cref="SeedDatabase"/>, as the demo seed's fixture builds it.</summary>
internal sealed class BackfillPortfolio(SeedDatabase database)
{
    public ScoreRecomputer Recomputer()
    {
        var db = database.Db;
        var options = Microsoft.Extensions.Options.Options.Create(new ScoringOptions());
        return new ScoreRecomputer(db, new AccountFactsReader(db),
            new ClvPortfolio(db, database.Clock, options, Microsoft.Extensions.Logging.Abstractions.NullLogger<ClvPortfolio>.Instance),
            database.Clock, options, Microsoft.Extensions.Logging.Abstractions.NullLogger<ScoreRecomputer>.Instance);
    }
}

/// <summary>A backfill after the live recompute of the demo leaves every live result as it was (the pinned fingerprint's rows).</summary>
public sealed class BackfillLeavesLiveScoresTests(ScoredPortfolioFixture portfolio) : IClassFixture<ScoredPortfolioFixture>
{
    [Fact]
    public async Task A_backfill_changes_no_live_score_task_fit_or_stale_mark_and_a_second_run_replaces_its_own_snapshots()
    {
        var db = portfolio.Database.Db;
        var live = await LiveAsync();
        var (fits, latestFit, tasks, marks) = (await db.ClvFits.CountAsync(), await db.ClvFits.OrderByDescending(f => f.FittedAt).Select(f => f.Id).FirstAsync(),
            await db.EngagementTasks.CountAsync(), await db.StaleAccounts.CountAsync());
        var days = ScoreBackfill.Days(new FiscalCalendar(), SeedDatabase.Today, 2);

        var first = await portfolio.Recomputer().BackfillAsync(days, null, CancellationToken.None);
        var ids = await db.AccountScores.AsNoTracking().Where(s => s.Backfilled).OrderBy(s => s.Id).Select(s => new { s.Id, s.AsOf, s.Clv, s.HealthScore }).ToListAsync();
        var second = await portfolio.Recomputer().BackfillAsync(days, null, CancellationToken.None);

        Assert.Equal(live, await LiveAsync());
        Assert.Equal((fits, latestFit, tasks, marks), (await db.ClvFits.CountAsync(), await db.ClvFits.OrderByDescending(f => f.FittedAt).Select(f => f.Id).FirstAsync(),
            await db.EngagementTasks.CountAsync(), await db.StaleAccounts.CountAsync()));
        Assert.Equal(days.Where(d => d < SeedDatabase.Today), first.Days.Select(d => d.Day));
        Assert.True(first.Snapshots > 0);
        Assert.Equal(first.Snapshots, second.Snapshots);
        // Idempotent: the same rows, replaced in place with the same values.
        Assert.Equal(ids, await db.AccountScores.AsNoTracking().Where(s => s.Backfilled).OrderBy(s => s.Id).Select(s => new { s.Id, s.AsOf, s.Clv, s.HealthScore }).ToListAsync());
        Assert.All(ids, s => Assert.True(s.AsOf < SeedDatabase.Today));
        Assert.False(await db.AccountScores.AnyAsync(s => s.Backfilled && s.ClvFitId != null));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(AccountScore) && a.Field == "(backfill)"));
    }

    private async Task<List<string>> LiveAsync() =>
        (await portfolio.Database.Db.AccountScores.AsNoTracking().Where(s => !s.Backfilled).ToListAsync())
            .Select(s => string.Join('|', s.Id, s.AccountId, s.AsOf, s.HealthScore, s.RiskTier, s.Clv, s.ClvRepeat, s.ClvContracts, s.ClvReplacement, s.PAlive,
                s.ExpectedOrders, s.ClvFitId, s.ComputedAt, s.SignalDetails, s.TopReason, s.TierReason))
            .Order(StringComparer.Ordinal)
            .ToList();
}

using System.Text.Json;
using MedTechAccounts.Analytics.Clv;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.IntegrationTests.Features.Dashboards;

/// <summary>A refit chooses the lifetime-value model by holdout, stores every challenger, and the executive dashboard names the model in use.</summary>
public abstract class ChampionRefitTests(AppFactory app)
{
    /// <summary>80 accounts reordering every 2–17 weeks for three years; every fourth one stops ordering at a week between 45 and 125 weeks ago (before the holdout).</summary>
    private async Task SeedOrdersAsync()
    {
        var territory = await app.CreateTerritoryAsync();
        var accounts = new List<Account>();
        for (var i = 0; i < 80; i++)
        {
            accounts.Add(await app.CreateAccountAsync(territory.Id));
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var start = today.AddDays(-7 * 156);
        await app.WithDbAsync(async db =>
        {
            var product = new Product { Sku = $"C-{Guid.NewGuid():N}"[..14], Name = "Suture kit", Family = "Closure", Category = ProductCategory.Consumable, ListPrice = 100m };
            db.Products.Add(product);
            for (var i = 0; i < accounts.Count; i++)
            {
                var cycle = 7 * (2 + (i % 16));
                var last = i % 4 == 0 ? today.AddDays(-7 * (45 + (i * 5 % 80))) : today;
                for (var (day, n) = (start.AddDays(i % cycle), 0); day <= last; day = day.AddDays(cycle + (n % 3) - 1), n++)
                {
                    db.Orders.Add(new Order
                    {
                        ExternalId = $"O-{Guid.NewGuid():N}"[..20], AccountId = accounts[i].Id, OrderDate = day, Type = OrderType.Consumable,
                        Lines = [new OrderLine { LineNo = 1, Product = product, Quantity = 1, ListAmount = 120m, NetAmount = 100m }],
                    });
                }
            }

            await db.SaveChangesAsync();
        });
    }

    [DbFact]
    public async Task A_refit_stores_every_challenger_and_the_naive_baseline_and_the_dashboard_names_the_champion_and_why()
    {
        await SeedOrdersAsync();

        var fit = await app.WithDbAsync((_, sp) => sp.GetRequiredService<ClvPortfolio>().RefitAsync(CancellationToken.None));

        Assert.NotNull(fit);
        using var stored = JsonDocument.Parse(fit.Backtest!);
        var root = stored.RootElement;
        Assert.Equal(fit.RepeatModel, root.GetProperty("champion").GetString());
        Assert.Equal(Champion.Models, root.GetProperty("challengers").EnumerateArray().Select(c => c.GetProperty("model").GetString()));
        Assert.Equal("naive", root.GetProperty("shrunk").GetProperty("model").GetString());
        Assert.True(root.GetProperty("naiveMeanAbsoluteError").GetDouble() > 0);
        var beatsNaive = root.GetProperty("beatsNaive").GetBoolean();
        Assert.Equal(beatsNaive, fit.RepeatModel != "naive");
        Assert.StartsWith(beatsNaive ? $"{fit.RepeatModel} has the lowest holdout error" : "No model beats the naive", root.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var executive = await app.CreateUserAsync(Roles.Executive);
        var backtest = (await app.SendAsAsync(TestUser.Of(executive, Roles.Executive), s => s.Send(new ExecutiveDashboard.Query()))).Backtest!;
        Assert.Equal((fit.Id, fit.RepeatModel, beatsNaive), (backtest.FitId, backtest.Model, backtest.BeatsNaive));
        Assert.Equal([.. Champion.Models, "naive"], backtest.Challengers!.Select(c => c.Model));

        var client = await app.SignInWithCodeAsync(await app.CreateUserAsync(Roles.Executive, twoFactor: true));
        var page = await client.GetStringAsync("/dashboards/executive");
        Assert.Contains($"Model in use: <strong id=\"backtest-model\">{backtest.ModelTitle}</strong>", page, StringComparison.Ordinal);
        Assert.Contains(beatsNaive ? "has the lowest holdout error" : "<strong>No model beats the naive guess</strong>", page, StringComparison.Ordinal);
        Assert.Contains("id=\"backtest-challengers\"", page, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task A_fit_stored_before_challengers_were_kept_still_reads_and_says_no_challengers_were_compared()
    {
        var executive = await app.CreateUserAsync(Roles.Executive);
        var client = await app.SignInWithCodeAsync(await app.CreateUserAsync(Roles.Executive, twoFactor: true));
        var old = await app.WithDbAsync(async (db, _) =>
        {
            var fit = new ClvFit
            {
                FittedAt = DateTime.UtcNow.AddYears(2), DataFrom = new DateOnly(2022, 1, 3), DataTo = new DateOnly(2026, 11, 1), Accounts = 200,
                RepeatModel = "bgnbd", RepeatParameters = """{"r":0.5,"alpha":4,"a":0.8,"b":2.4}""", RepeatConverged = true, BacktestMeanAbsoluteError = 1.25,
                Backtest = """{"calibrationEnd":"2026-02-01","holdoutEnd":"2026-11-01","customers":200,"actualTransactions":410,"predictedTransactions":398.5,"meanAbsoluteError":1.25,"naiveMeanAbsoluteError":1.03,"buckets":[]}""",
            };
            db.ClvFits.Add(fit);
            await db.SaveChangesAsync();
            return fit;
        });

        ExecutiveDashboard.FitBacktest backtest;
        HttpResponseMessage response;
        try
        {
            backtest = (await app.SendAsAsync(TestUser.Of(executive, Roles.Executive), s => s.Send(new ExecutiveDashboard.Query()))).Backtest!;
            response = await client.GetAsync("/dashboards/executive");
        }
        finally
        {
            await app.WithDbAsync(async db =>
            {
                db.ClvFits.Remove(await db.ClvFits.FindAsync(old.Id) ?? throw new InvalidOperationException());
                await db.SaveChangesAsync();
            });
        }

        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, page.Length > 3000 ? page[..3000] : page);

        Assert.Equal((old.Id, "bgnbd", (bool?)null, (string?)null), (backtest.FitId, backtest.Model, backtest.BeatsNaive, backtest.Reason));
        Assert.Null(backtest.Challengers);
        Assert.Equal(-0.21, backtest.GainOverNaive!.Value, 2);
        Assert.Contains("no challengers were compared", page, StringComparison.Ordinal);
    }
}

public sealed class ChampionRefitTestsOnSqlite(SqliteAppFactory app) : ChampionRefitTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ChampionRefitTestsOnPostgreSql(PostgreSqlAppFactory app) : ChampionRefitTests(app), IClassFixture<PostgreSqlAppFactory>;

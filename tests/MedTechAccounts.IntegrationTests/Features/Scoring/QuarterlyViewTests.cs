using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.IntegrationTests.Infrastructure;

namespace MedTechAccounts.IntegrationTests.Features.Scoring;

/// <summary>GET /api/quarters: revenue against target, discount-bought share, CLV at the quarter's start and end, hit-while-CLV-fell, forecast.</summary>
public abstract class QuarterlyViewTests(AppFactory app)
{
    private static readonly FiscalCalendar Calendar = new();

    private sealed record World(string Region, ApplicationUser Manager, Account A, Account B, FiscalQuarter Previous, FiscalQuarter Current, DateOnly Today);

    private async Task<World> CreateAsync()
    {
        var region = $"R-{Guid.NewGuid():N}"[..12];
        var (t1, t2, elsewhere) = (await app.CreateTerritoryAsync(region), await app.CreateTerritoryAsync(region), await app.CreateTerritoryAsync());
        var (a, b, c) = (await app.CreateAccountAsync(t1.Id), await app.CreateAccountAsync(t2.Id), await app.CreateAccountAsync(elsewhere.Id));
        var manager = await app.CreateUserAsync(Roles.Manager, region: region);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var current = Calendar.QuarterOf(today);
        var previous = current.Previous();
        var (ps, pe) = (Calendar.Start(previous), Calendar.End(previous));
        await app.WithDbAsync(async db =>
        {
            var product = new Product { Sku = $"V-{Guid.NewGuid():N}"[..14], Name = "Ventilator", Family = "Ventilation", Category = ProductCategory.Capital, ListPrice = 10_000m, ServiceLifeMonths = 120 };
            Order Order(Account account, DateOnly day, decimal list, decimal net) => new()
            {
                ExternalId = $"O-{Guid.NewGuid():N}"[..20], AccountId = account.Id, OrderDate = day, Type = OrderType.Capital,
                Lines = [new OrderLine { LineNo = 1, Product = product, Quantity = 1, ListAmount = list, NetAmount = net }],
            };
            AccountScore Score(Account account, DateOnly asOf, decimal clv, double expectedOrders = 0) => new()
            {
                AccountId = account.Id, AsOf = asOf, Clv = clv, ExpectedOrders = expectedOrders, HealthScore = 70, TopReason = "Every signal is healthy.", ComputedAt = DateTime.UtcNow,
            };
            db.AddRange(
                Order(a, ps.AddDays(5), 10_000m, 9_000m),
                Order(a, pe, 10_000m, 7_000m), // 30% off on the quarter's last day: discount-bought
                Order(b, ps.AddDays(10), 5_000m, 5_000m),
                Order(c, ps.AddDays(10), 99_999m, 99_999m), // another region
                Order(a, today, 1_000m, 1_000m),
                Score(a, ps.AddDays(-1), 50_000m), Score(a, pe, 40_000m), Score(a, today, 41_000m, expectedOrders: 4),
                Score(b, ps.AddDays(-1), 20_000m), Score(b, pe, 25_000m),
                new QuarterlyTarget { FiscalYear = previous.Year, FiscalQuarter = previous.Quarter, Scope = TargetScope.Region, ScopeKey = region, RevenueTarget = 20_000m });
            await db.SaveChangesAsync();
        });
        return new World(region, manager, a, b, previous, current, today);
    }

    private async Task<QuarterlyView.Result> GetAsync(ApplicationUser user, string region)
    {
        var client = await app.SignInAsync(user);
        return (await client.GetFromJsonAsync<QuarterlyView.Result>($"/api/quarters?scope=Region&key={region}&quarters=2", Json.Options))!;
    }

    [DbFact]
    public async Task A_quarter_shows_revenue_against_target_the_discount_bought_share_and_the_clv_at_its_start_and_end()
    {
        var world = await CreateAsync();

        var view = await GetAsync(world.Manager, world.Region);

        Assert.Equal([world.Previous.Label, world.Current.Label], view.Quarters.Select(q => q.Quarter));
        var previous = view.Quarters[0];
        Assert.Equal(21_000m, previous.Revenue);
        Assert.Equal(20_000m, previous.Target);
        Assert.Equal(1.05, previous.Attainment);
        Assert.Equal(7_000m, previous.DiscountBoughtRevenue);
        Assert.Equal(0.3333, previous.DiscountBoughtShare);
        Assert.Equal((70_000m, 65_000m, -5_000m), (previous.ClvStart, previous.ClvEnd, previous.ClvChange));
        var hit = Assert.Single(previous.HitWhileClvFell);
        Assert.Equal((world.A.Id, 16_000m, 50_000m, 40_000m), (hit.AccountId, hit.Revenue, hit.ClvStart, hit.ClvEnd));
        Assert.Null(previous.Forecast);
    }

    [DbFact]
    public async Task The_current_quarter_forecasts_revenue_so_far_plus_the_expected_orders_of_the_rest_of_it()
    {
        var world = await CreateAsync();

        var current = (await GetAsync(world.Manager, world.Region)).Quarters[1];

        Assert.True(current.Current);
        Assert.Equal(1_000m, current.Revenue);
        var rest = (decimal)(4 * (Calendar.End(world.Current).DayNumber - world.Today.DayNumber) / 365.25) * ((9_000m + 7_000m + 1_000m) / 3);
        Assert.Equal(Math.Round(1_000m + rest, 2), current.Forecast);
    }

    [DbFact]
    public async Task Another_regions_manager_sees_none_of_it_and_a_rep_is_refused()
    {
        var world = await CreateAsync();
        var outsider = await app.CreateUserAsync(Roles.Manager, region: $"R-{Guid.NewGuid():N}"[..12]);
        var rep = await app.CreateUserAsync(Roles.Rep);

        var view = await GetAsync(outsider, world.Region);
        var repClient = await app.SignInAsync(rep);

        Assert.All(view.Quarters, q => Assert.Equal((0m, (decimal?)null), (q.Revenue, q.ClvStart)));
        Assert.Equal(HttpStatusCode.Forbidden, (await repClient.GetAsync($"/api/quarters?scope=Region&key={world.Region}")).StatusCode);
        var client = await app.SignInAsync(world.Manager);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/quarters?scope=Region")).StatusCode);
    }
}

public sealed class QuarterlyViewTestsOnSqlite(SqliteAppFactory app) : QuarterlyViewTests(app), IClassFixture<SqliteAppFactory>;

public sealed class QuarterlyViewTestsOnPostgreSql(PostgreSqlAppFactory app) : QuarterlyViewTests(app), IClassFixture<PostgreSqlAppFactory>;

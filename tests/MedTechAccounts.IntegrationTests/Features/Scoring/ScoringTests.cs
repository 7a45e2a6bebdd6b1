using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Scoring;

/// <summary>Account health as stored (page and API, with reasons, staleness and scoping) and the administrators' scorecard.</summary>
public abstract class ScoringTests(AppFactory app)
{
    private async Task<(HttpClient Client, Account Own, Account Foreign)> SignedInRepAsync()
    {
        var region = $"R-{Guid.NewGuid():N}"[..12];
        var mine = await app.CreateTerritoryAsync(region);
        var theirs = await app.CreateTerritoryAsync(region);
        var rep = await app.CreateUserAsync(Roles.Rep, [mine.Id]);
        var own = await app.CreateAccountAsync(mine.Id, ownerRepId: rep.Id);
        var foreign = await app.CreateAccountAsync(theirs.Id);
        var client = await app.SignInAsync(rep);
        await AdminClient.AddApiTokenAsync(client);
        return (client, own, foreign);
    }

    private static Dictionary<string, string?> Weights(int engagement = 10, int service = 15) => new()
    {
        ["EngagementRecency"] = engagement.ToString(), ["PostSaleSilence"] = "10", ["RepDependency"] = "10", ["InfluencerCoverage"] = "10",
        ["ServiceExperience"] = service.ToString(), ["DiscountDependency"] = "10", ["InstallBaseRisk"] = "10", ["VoiceOfCustomer"] = "15",
        ["PurchaseVitality"] = "10",
    };

    private Task<ScorecardWeights> StoredWeightsAsync() => app.WithDbAsync(async (db, _) => await db.ScorecardWeights.AsNoTracking().SingleAsync());

    [DbFact]
    public async Task The_health_API_returns_the_stored_score_with_each_signals_reason_weight_and_the_fit_it_came_from()
    {
        var (client, own, _) = await SignedInRepAsync();
        var (fit, _) = await app.ScoreAsync(own.Id);

        var health = await client.GetFromJsonAsync<AccountHealth.Result>($"/api/accounts/{own.Id}/health", Json.Options);
        var weights = await StoredWeightsAsync(); // another test of the class may have saved the scorecard

        Assert.False(health!.Stale);
        var score = health.Score!;
        Assert.Equal((48d, RiskTier.Watch, new DateOnly(2026, 11, 2)), (score.HealthScore, score.RiskTier, score.AsOf));
        Assert.Equal((123456.78m, 80000m, 30000m, 13456.78m), (score.Clv, score.ClvRepeat, score.ClvContracts, score.ClvReplacement));
        Assert.Equal((0.8123, 3.25), (score.PAlive, score.ExpectedOrders));
        Assert.Equal(Enum.GetValues<SignalKind>(), score.Signals.Select(s => s.Kind));
        var engagement = score.Signals.Single(s => s.Kind == SignalKind.EngagementRecency);
        Assert.Equal((22, 140d, ScoringWorld.EngagementReason, weights.EngagementRecency), (engagement.Score, engagement.Value!.Value, engagement.Reason, engagement.Weight));
        var service = score.Signals.Single(s => s.Kind == SignalKind.ServiceExperience);
        Assert.Equal((35, weights.ServiceExperience), (service.Score, service.Weight));
        Assert.Equal(100, score.Signals.Sum(s => s.Weight));
        Assert.Equal((fit.Id, "bgnbd", -9582.43, 0.37), (score.Fit!.Id, score.Fit.RepeatModel, score.Fit.RepeatLogLikelihood, score.Fit.BacktestMeanAbsoluteError));
        Assert.Equal(0.243, score.Fit.Parameters["r"]);
    }

    [DbFact]
    public async Task The_account_page_shows_health_tier_reasons_and_clv_and_says_when_a_rescore_is_pending()
    {
        var (client, own, _) = await SignedInRepAsync();
        await app.ScoreAsync(own.Id);

        var fresh = await client.GetStringAsync($"/accounts/{own.Id}");
        await app.WithDbAsync(async db =>
        {
            db.StaleAccounts.Add(new StaleAccount { AccountId = own.Id, MarkedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        var stale = await client.GetStringAsync($"/accounts/{own.Id}");

        Assert.Contains("> Watch</span>", fresh);
        Assert.Contains(ScoringWorld.EngagementReason, fresh);
        Assert.Contains("aria-valuenow=\"22\"", fresh);
        Assert.Contains("123,457", fresh);
        Assert.Contains("From the fit of", fresh);
        Assert.Contains("BG/NBD", fresh);
        Assert.Contains("LL -9,582.4", fresh);
        Assert.Contains("backtest MAE 0.37", fresh);
        Assert.DoesNotContain("Recomputing", fresh);
        Assert.Contains("Recomputing…", stale);
    }

    [DbFact]
    public async Task An_account_without_a_score_says_not_scored_yet_and_a_foreign_account_is_not_found()
    {
        var (client, own, foreign) = await SignedInRepAsync();
        await app.ScoreAsync(foreign.Id);

        var page = await client.GetStringAsync($"/accounts/{own.Id}");
        var health = await client.GetFromJsonAsync<AccountHealth.Result>($"/api/accounts/{own.Id}/health", Json.Options);
        var other = await client.GetAsync($"/api/accounts/{foreign.Id}/health");

        Assert.Contains("Not scored yet.", page);
        Assert.Null(health!.Score);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain(ScoringWorld.ServiceReason, await other.Content.ReadAsStringAsync());
    }

    [DbFact]
    public async Task Weights_that_do_not_add_up_to_100_are_refused_with_the_sum_and_nothing_changes()
    {
        var (client, _) = await app.SignedInAdminAsync();
        var territory = await app.CreateTerritoryAsync();
        await app.CreateAccountAsync(territory.Id);
        var before = await StoredWeightsAsync();
        var marksBefore = await app.WithDbAsync(async (db, _) => await db.StaleAccounts.CountAsync());
        var form = Weights(engagement: 5, service: 10);
        form["Version"] = before.Version.ToString();

        var page = await AppFactory.PostFormAsync(client, "/admin/scorecard", "/admin/scorecard", form);
        var api = await client.PutAsJsonAsync("/api/scorecard", new { before.Version, EngagementRecency = 5, PostSaleSilence = 10, RepDependency = 10,
            InfluencerCoverage = 10, ServiceExperience = 10, DiscountDependency = 10, InstallBaseRisk = 10, VoiceOfCustomer = 15, PurchaseVitality = 10 }, Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Weights must add up to 100%; they add up to 90%.", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = await api.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
        Assert.Equal(["Weights must add up to 100%; they add up to 90%."], problem!.Errors[EditScorecard.SumField]);
        var after = await StoredWeightsAsync();
        Assert.Equal((before.Version, before.EngagementRecency, before.ServiceExperience), (after.Version, after.EngagementRecency, after.ServiceExperience));
        Assert.Equal(marksBefore, await app.WithDbAsync(async (db, _) => await db.StaleAccounts.CountAsync()));
    }

    [DbFact]
    public async Task Saving_the_scorecard_is_audited_marks_every_account_stale_and_a_second_save_of_the_old_version_answers_409()
    {
        var (client, admin) = await app.SignedInAdminAsync();
        var territory = await app.CreateTerritoryAsync();
        var marked = await app.CreateAccountAsync(territory.Id);
        await app.CreateAccountAsync(territory.Id);
        var old = DateTime.UtcNow.AddHours(-1);
        await app.WithDbAsync(async db =>
        {
            await db.StaleAccounts.ExecuteDeleteAsync();
            db.StaleAccounts.Add(new StaleAccount { AccountId = marked.Id, MarkedAt = old });
            await db.SaveChangesAsync();
        });
        var before = await StoredWeightsAsync();
        var engagement = before.EngagementRecency == 20 ? 15 : 20;
        var form = Weights(engagement: engagement, service: 15 - (engagement - 10));
        form["Version"] = before.Version.ToString();

        var saved = await AppFactory.PostFormAsync(client, "/admin/scorecard", "/admin/scorecard", form);
        var again = await AppFactory.PostFormAsync(client, "/admin/scorecard", "/admin/scorecard", form);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Someone else changed this record", await again.Content.ReadAsStringAsync());
        var (after, accounts, marks, audit) = await app.WithDbAsync(async (db, _) => (
            await db.ScorecardWeights.AsNoTracking().SingleAsync(),
            await db.Accounts.IgnoreQueryFilters().Select(a => a.Id).ToListAsync(),
            await db.StaleAccounts.AsNoTracking().ToListAsync(),
            await db.AuditEntries.AsNoTracking().Where(e => e.Entity == nameof(ScorecardWeights) && e.Field == nameof(ScorecardWeights.EngagementRecency)).ToListAsync()));
        Assert.Equal((engagement, 15 - (engagement - 10)), (after.EngagementRecency, after.ServiceExperience));
        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal(accounts.Order(), marks.Select(m => m.AccountId).Order());
        Assert.True(marks.Single(m => m.AccountId == marked.Id).MarkedAt > old.AddMinutes(30), "an existing mark moves to the time of the save");
        Assert.Contains(audit, e => e.UserName == admin.Email && e.NewValue == engagement.ToString());
    }

    [DbFact]
    public async Task Only_administrators_open_or_save_the_scorecard()
    {
        var (client, _, _) = await SignedInRepAsync();
        var before = await StoredWeightsAsync();
        var form = Weights(engagement: 20, service: 5);
        form["Version"] = before.Version.ToString();

        var page = await client.GetAsync("/admin/scorecard");
        var post = await AppFactory.PostWithSessionTokenAsync(client, "/", "/admin/scorecard", form);
        var api = await client.GetAsync("/api/scorecard");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("https://localhost/account/denied", page.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("https://localhost/account/denied", post.Headers.Location!.ToString());
        Assert.True(api.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"API answered {(int)api.StatusCode}");
        Assert.Equal(before.Version, (await StoredWeightsAsync()).Version);
    }
}

public sealed class ScoringTestsOnSqlite(SqliteAppFactory app) : ScoringTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ScoringTestsOnPostgreSql(PostgreSqlAppFactory app) : ScoringTests(app), IClassFixture<PostgreSqlAppFactory>;

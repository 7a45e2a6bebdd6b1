using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.IntegrationTests.Features.Scoring;

/// <summary>
/// The administrators' tier rules on the scorecard page and the API: an edit is audited and decides the next
/// recompute's tiers; bad values are refused naming the field; only administrators reach them. Its own database
/// per class, because the recompute here scores every account of it.
/// </summary>
public abstract class TierRulesEditingTests(AppFactory app)
{
    private static Dictionary<string, string?> Form(EditTierRules.Command c) => new()
    {
        ["Version"] = c.Version.ToString(),
        ["LowSignalBelow"] = c.LowSignalBelow.ToString(CultureInfo.InvariantCulture),
        ["LowSignalCount"] = c.LowSignalCount.ToString(CultureInfo.InvariantCulture),
        ["OpenCriticalCap"] = c.OpenCriticalCap.ToString(),
        ["FirstResponseSlaBelowPercent"] = c.FirstResponseSlaBelowPercent.ToString(CultureInfo.InvariantCulture),
        ["FirstResponseSlaMinimum"] = c.FirstResponseSlaMinimum.ToString(CultureInfo.InvariantCulture),
        ["FirstResponseSlaCap"] = c.FirstResponseSlaCap.ToString(),
        ["RepeatIncidentsFrom"] = c.RepeatIncidentsFrom.ToString(CultureInfo.InvariantCulture),
        ["RepeatIncidentsCap"] = c.RepeatIncidentsCap.ToString(),
    };

    private Task<ScorecardRules> StoredRulesAsync() => app.WithDbAsync(async (db, _) => await db.ScorecardRules.AsNoTracking().SingleAsync());

    /// <summary>A full recompute (no refit) as the worker would run it, then the account's latest score.</summary>
    private Task<AccountScore> RecomputeAsync(Guid accountId) => app.WithDbAsync(async (db, services) =>
    {
        await services.GetRequiredService<ScoreRecomputer>().RecomputeAllAsync(refit: false, progress: null, CancellationToken.None);
        return await db.AccountScores.AsNoTracking().Where(s => s.AccountId == accountId).OrderByDescending(s => s.ComputedAt).FirstAsync();
    });

    [DbFact]
    public async Task An_administrator_edits_a_rule_on_the_page_it_is_audited_and_the_next_recompute_decides_the_tier_by_it()
    {
        var (client, admin) = await app.SignedInAdminAsync();
        var territory = await app.CreateTerritoryAsync();
        // A new account nobody has met: influencer coverage 0, the neutral signals at 50, the rest healthy.
        var account = await app.CreateAccountAsync(territory.Id);
        var before = await RecomputeAsync(account.Id);
        var rules = await client.GetFromJsonAsync<EditTierRules.Command>("/api/scorecard/rules", Json.Options);

        var saved = await AppFactory.PostFormAsync(client, "/admin/scorecard", "/admin/scorecard/rules", Form(rules! with { LowSignalBelow = 60 }));
        var marked = await app.WithDbAsync(async (db, _) => await db.StaleAccounts.AnyAsync(m => m.AccountId == account.Id));
        var after = await RecomputeAsync(account.Id);

        Assert.Equal((20, 2, TierCap.Watch), (rules.LowSignalBelow, rules.LowSignalCount, rules.OpenCriticalCap));
        Assert.Equal(RiskTier.Healthy, before.RiskTier);
        Assert.StartsWith($"Healthy by the health score of {before.HealthScore:0}", before.TierReason);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(marked, "saving the rules marks every account to be rescored");
        Assert.Equal((before.HealthScore, RiskTier.AtRisk), (after.HealthScore, after.RiskTier));
        Assert.StartsWith("At risk by rule: 4 signals below 60: influencer coverage 0", after.TierReason);
        Assert.StartsWith(after.TierReason, after.TopReason);
        var (stored, audit) = await app.WithDbAsync(async (db, _) => (
            await db.ScorecardRules.AsNoTracking().SingleAsync(),
            await db.AuditEntries.AsNoTracking().Where(e => e.Entity == nameof(ScorecardRules) && e.Field == nameof(ScorecardRules.LowSignalBelow)).ToListAsync()));
        Assert.Equal(60, stored.LowSignalBelow);
        Assert.NotEqual(rules.Version, stored.Version);
        Assert.Contains(audit, e => e.UserName == admin.Email && e.OldValue == "20" && e.NewValue == "60");
        var page = await client.GetStringAsync($"/accounts/{account.Id}");
        Assert.Contains("At risk by rule: 4 signals below 60", page);

        // Back to the defaults through the API, which answers 409 to the version that is no longer current.
        var stale = await client.PutAsJsonAsync("/api/scorecard/rules", rules, Json.Options);
        var restored = await client.PutAsJsonAsync("/api/scorecard/rules", rules with { Version = stored.Version }, Json.Options);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal(20, (await StoredRulesAsync()).LowSignalBelow);
        Assert.Equal(RiskTier.Healthy, (await RecomputeAsync(account.Id)).RiskTier);
        Assert.True(await app.WithDbAsync(async (db, _) => await db.AuditEntries.AnyAsync(e =>
            e.Entity == nameof(ScorecardRules) && e.Field == nameof(ScorecardRules.LowSignalBelow) && e.OldValue == "60" && e.NewValue == "20" && e.UserName == admin.Email)));
    }

    [DbFact]
    public async Task Bad_rule_values_are_refused_naming_the_field_on_the_page_and_the_api_and_nothing_changes()
    {
        var (client, _) = await app.SignedInAdminAsync();
        var before = await StoredRulesAsync();
        var current = await client.GetFromJsonAsync<EditTierRules.Command>("/api/scorecard/rules", Json.Options);

        var page = await AppFactory.PostFormAsync(client, "/admin/scorecard", "/admin/scorecard/rules", Form(current! with { RepeatIncidentsFrom = -1 }));
        var api = await client.PutAsJsonAsync("/api/scorecard/rules", current with { LowSignalBelow = 0, LowSignalCount = 12 }, Json.Options);
        var unknownCap = await client.PutAsync("/api/scorecard/rules", JsonContent.Create(new
        {
            current.Version, current.LowSignalBelow, current.LowSignalCount, OpenCriticalCap = "Sometimes", current.FirstResponseSlaBelowPercent,
            current.FirstResponseSlaMinimum, current.FirstResponseSlaCap, current.RepeatIncidentsFrom, current.RepeatIncidentsCap,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Repeat incidents: a count from 1 to 1000, or 0 to switch the rule off.", html);
        Assert.Contains("id=\"RepeatIncidentsFrom\"", html);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = await api.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
        Assert.Equal(["Very low signal: a sub-score threshold is a whole number from 1 to 100."], problem!.Errors["LowSignalBelow"]);
        Assert.Equal(["Very low signals for At risk: a count from 1 to 9, or 0 to switch the rule off."], problem.Errors["LowSignalCount"]);
        Assert.Equal(HttpStatusCode.BadRequest, unknownCap.StatusCode);
        var capProblem = await unknownCap.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
        Assert.Contains(capProblem!.Errors.Keys, k => k.Contains("OpenCriticalCap", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(before.Version, (await StoredRulesAsync()).Version);
    }

    [DbFact]
    public async Task Only_administrators_open_or_save_the_tier_rules()
    {
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, [territory.Id]);
        var client = await app.SignInAsync(rep);
        await AdminClient.AddApiTokenAsync(client);
        var before = await StoredRulesAsync();

        var page = await client.GetAsync("/admin/scorecard/rules");
        var api = await client.GetAsync("/api/scorecard/rules");
        var put = await client.PutAsJsonAsync("/api/scorecard/rules", new { before.Version, LowSignalBelow = 90, LowSignalCount = 1 }, Json.Options);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("https://localhost/account/denied", page.Headers.Location!.ToString());
        Assert.True(api.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"API answered {(int)api.StatusCode}");
        Assert.True(put.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"API answered {(int)put.StatusCode}");
        Assert.Equal(before.Version, (await StoredRulesAsync()).Version);
    }
}

public sealed class TierRulesEditingTestsOnSqlite(SqliteAppFactory app) : TierRulesEditingTests(app), IClassFixture<SqliteAppFactory>;

public sealed class TierRulesEditingTestsOnPostgreSql(PostgreSqlAppFactory app) : TierRulesEditingTests(app), IClassFixture<PostgreSqlAppFactory>;

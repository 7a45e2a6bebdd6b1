using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Features.Interactions;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Scoring;

/// <summary>The app with its background recompute running, polling fast.</summary>
public sealed class ScoringWorkerAppFactory() : AppFactory(DatabaseProvider.Sqlite)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Scoring:WorkerEnabled", "true");
        builder.UseSetting("Scoring:StalePollSeconds", "0.2");
    }
}

/// <summary>A logged visit reaches the account's score through the background worker, without anyone asking for it.</summary>
public sealed class ScoringWorkerTests(ScoringWorkerAppFactory app) : IClassFixture<ScoringWorkerAppFactory>
{
    [Fact]
    public async Task A_visit_logged_through_the_api_is_scored_within_seconds_and_its_stale_mark_consumed()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await AppFactory.AntiforgeryTokenAsync(client, "/accounts/new"));
        var loggedAt = DateTime.UtcNow;

        var answer = await client.PostAsJsonAsync("/api/interactions", world.ApiVisit(Guid.NewGuid()), Json.Options);
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);

        var score = await WaitForAsync(async db =>
            await db.AccountScores.AsNoTracking().SingleOrDefaultAsync(s => s.AccountId == world.Account.Id && s.ComputedAt >= loggedAt.AddSeconds(-1))
            is { } s && !await db.StaleAccounts.AnyAsync(m => m.AccountId == world.Account.Id) ? s : null);

        Assert.Equal(100, score.EngagementRecency);
        Assert.Contains("Last touch 0 days ago (a visit by", score.SignalDetails);
        Assert.InRange(score.HealthScore, 0, 100);
    }

    private async Task<T> WaitForAsync<T>(Func<AppDbContext, Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var found = await app.WithDbAsync(async (db, _) => await probe(db));
            if (found is not null)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "The background worker did not score the account within 60 s.");
            await Task.Delay(200);
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Infrastructure;

namespace MedTechAccounts.IntegrationTests.Hosting;

/// <summary>/health/live and /health/ready on a healthy app, and a request the client abandons.</summary>
public abstract class HealthTests(AppFactory app)
{
    [DbFact]
    public async Task Live_answers_200_without_running_any_check()
    {
        var response = await app.CreateBrowser().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal(0, body.GetProperty("checks").GetArrayLength());
    }

    [DbFact]
    public async Task Ready_answers_200_when_the_database_is_reachable_writable_and_migrated()
    {
        var response = await app.CreateBrowser().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["database"]);
        Assert.Equal("Healthy", checks["migrations"]);
        // The test host switches the worker off: not applicable, so healthy.
        Assert.Equal("Healthy", checks["scoring-worker"]);
    }

    [DbFact]
    public async Task A_request_the_client_abandons_cancels_the_query_of_its_handler()
    {
        var territory = await app.CreateTerritoryAsync();
        var account = await app.CreateAccountAsync(territory.Id);
        var client = await app.SignInAsync(await app.CreateUserAsync(Roles.Rep, [territory.Id]));
        using var abandon = new CancellationTokenSource();
        CancellationToken? seen = null;
        app.Faults.OnQuery = (sql, token) =>
        {
            // The handler's own query, not the sign-in's: the client gives up while it runs.
            if (seen is null && sql.Contains("FROM \"Accounts\"", StringComparison.Ordinal))
            {
                seen = token;
                abandon.Cancel();
            }
        };
        try
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync($"/api/accounts/{account.Id}", abandon.Token));
        }
        finally
        {
            app.Faults.OnQuery = null;
        }

        Assert.NotNull(seen);
        Assert.True(seen.Value.IsCancellationRequested);
    }
}

public sealed class HealthTestsOnSqlite(SqliteAppFactory app) : HealthTests(app), IClassFixture<SqliteAppFactory>;

public sealed class HealthTestsOnPostgreSql(PostgreSqlAppFactory app) : HealthTests(app), IClassFixture<PostgreSqlAppFactory>;

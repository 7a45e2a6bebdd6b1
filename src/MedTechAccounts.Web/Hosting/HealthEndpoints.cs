using System.Text.Json;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedTechAccounts.Web.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers (no checks). <c>/health/ready</c>: the database is reachable and
/// writable, no migration is pending, and the scoring worker keeps up; 503 when any of them fails. Both are
/// anonymous, never cached, and answer JSON with each check's name and status.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services)
    {
        services.AddSingleton<ScoringWorkerHeartbeat>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready], timeout: TimeSpan.FromSeconds(10))
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [Ready], timeout: TimeSpan.FromSeconds(10))
            .AddCheck<ScoringWorkerHeartbeat>("scoring-worker", tags: [Ready]);
        return services;
    }

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync })
            .AllowAnonymous();
    }

    /// <summary>Status and checks; descriptions of failures (which may quote an exception) only in Development.</summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        var development = http.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment();
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Status == HealthStatus.Healthy || development ? e.Value.Description : null,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        }, cancellationToken: http.RequestAborted);
    }
}

/// <summary>
/// Reachable and writable: rewrites the newest migration's history row with its own value inside a transaction
/// that is rolled back, so a read-only file, a standby server or a full disk fails and nothing changes.
/// </summary>
public sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(HistoryRepository.DefaultTableName);
        var version = sql.DelimitIdentifier("ProductVersion");
        var id = sql.DelimitIdentifier("MigrationId");
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
#pragma warning disable EF1002 // Identifiers only, delimited by the provider; no values.
            await db.Database.ExecuteSqlRawAsync(
                $"UPDATE {table} SET {version} = {version} WHERE {id} = (SELECT MAX({id}) FROM {table})", cancellationToken);
#pragma warning restore EF1002
            await transaction.RollbackAsync(cancellationToken);
            return HealthCheckResult.Healthy("Reachable and writable.");
        }
        catch (Exception e) when (DatabaseUnavailable.Observe(e))
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached or written.", e);
        }
    }
}

/// <summary>Every migration of this build is applied to the database.</summary>
public sealed class MigrationsHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy("No pending migration.")
                : HealthCheckResult.Unhealthy($"{pending} pending migration(s): run the migration before serving.");
        }
        catch (Exception e) when (DatabaseUnavailable.Observe(e))
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", e);
        }
    }
}

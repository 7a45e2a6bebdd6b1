using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.Core.Features.Seeding;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Web.Hosting;

/// <summary>
/// Migrate-then-seed at start. SQLite (the embedded default) is migrated by the app itself;
/// server databases are migrated by an operator with <c>medtech db migrate</c>, unless
/// <c>Database:MigrateOnStart</c> says otherwise. Roles always exist; the demo portfolio and
/// demo users are written only in Development, into an empty database, and its eight past quarters backfilled
/// (by the backfill worker, in the background, where the workers run).
/// </summary>
public sealed partial class DatabaseInitializer(
    IServiceProvider services, DatabaseOptions database, IConfiguration configuration, IHostEnvironment environment,
    TimeProvider clock, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Scope = AccessScope.Everything;

        var migrate = configuration.GetValue<bool?>("Database:MigrateOnStart") ?? database.Provider == DatabaseProvider.Sqlite;
        if (migrate)
        {
            await db.MigrateDatabaseAsync(cancellationToken);
        }

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<ApplicationRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new ApplicationRole(role));
            }
        }

        var seedDemo = configuration.GetValue<bool?>("Database:SeedDemoData") ?? environment.IsDevelopment();
        if (seedDemo)
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await DemoUsers.EnsureAsync(users, roles, db, cancellationToken);
            var seeder = scope.ServiceProvider.GetRequiredService<PortfolioSeeder>();
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            if (await seeder.SeedAsync(SeedOptions.Demo(today), progress: null, cancellationToken) is not null)
            {
                LogSeeded();
                // The demo's history, so the dashboards' quarters and trends are there on the first start: in the
                // background when the workers run (the app answers meanwhile), here otherwise.
                if (configuration.GetValue("Scoring:WorkerEnabled", true))
                {
                    scope.ServiceProvider.GetRequiredService<ScoreBackfillQueue>().Enqueue(ScoreBackfill.DemoQuarters);
                }
                else
                {
                    var days = ScoreBackfill.Days(scope.ServiceProvider.GetRequiredService<FiscalCalendar>(), today, ScoreBackfill.DemoQuarters);
                    var history = await scope.ServiceProvider.GetRequiredService<ScoreRecomputer>().BackfillAsync(days, progress: null, cancellationToken);
                    LogBackfilled(ScoreBackfill.DemoQuarters, history.Snapshots, history.ElapsedMs);
                }
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo portfolio and demo users")]
    private partial void LogSeeded();

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfilled {Quarters} quarters of demo history ({Snapshots} snapshots) in {ElapsedMs} ms")]
    private partial void LogBackfilled(int quarters, int snapshots, long elapsedMs);
}

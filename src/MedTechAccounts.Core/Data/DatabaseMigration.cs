using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Data;

/// <summary>How every entry point (web start, <c>medtech db migrate</c>, <c>medtech seed</c>) brings a database up to date.</summary>
public static class DatabaseMigration
{
    /// <summary>
    /// Applies the pending migrations. On SQLite it also puts the file in write-ahead-log mode (a setting the file
    /// keeps): readers then never wait for the recompute's writes, and a commit appends to the log instead of
    /// rewriting pages through a rollback journal. Synchronous stays FULL, so a committed change (and its audit
    /// entry) survives a power cut. <c>PRAGMA optimize</c> then refreshes the planner statistics of the tables that
    /// changed much since they were last taken (cheap when nothing did).
    /// </summary>
    public static async Task MigrateDatabaseAsync(this AppDbContext db, CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize = 0x10002;", ct);
        }
    }

    /// <summary>
    /// Takes the planner statistics after a bulk load. Without them SQLite guesses ten rows for any equality on an
    /// index and picks the wrong one (a rep's 19,000 visits instead of their 1,200 open next steps); PostgreSQL
    /// would plan on an empty table's figures until autovacuum caught up. SQL Server keeps its own statistics.
    /// </summary>
    public static async Task RefreshPlannerStatisticsAsync(this AppDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite() || db.Database.IsNpgsql())
        {
            db.Database.SetCommandTimeout(TimeSpan.Zero);
            await db.Database.ExecuteSqlRawAsync("ANALYZE;", ct);
            db.Database.SetCommandTimeout(null);
        }
    }
}

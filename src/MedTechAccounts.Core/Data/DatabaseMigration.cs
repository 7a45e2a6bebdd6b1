using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Data;

/// <summary>How every entry point (web start, <c>medtech db migrate</c>, <c>medtech seed</c>) brings a database up to date.</summary>
public static class DatabaseMigration
{
    /// <summary>
    /// Applies the pending migrations. On SQLite it also puts the file in write-ahead-log mode (a setting the file
    /// keeps): readers then never wait for the recompute's writes, and a commit appends to the log instead of
    /// rewriting pages through a rollback journal. Synchronous stays FULL, so a committed change (and its audit
    /// entry) survives a power cut.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this AppDbContext db, CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        }
    }
}

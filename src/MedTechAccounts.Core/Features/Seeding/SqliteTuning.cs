using System.Data.Common;
using System.Globalization;
using MedTechAccounts.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>
/// For the large profile on SQLite, while the portfolio is written: no fsync, a 256 MB page cache, and the
/// rollback journal instead of WAL. The seed is one transaction into an empty database, so the rollback journal
/// holds next to nothing (new pages are not journaled) where WAL would first copy every page into the log and then
/// again into the database. Everything is put back as it was afterwards. If another connection holds the database
/// open, SQLite keeps WAL, which is only slower.
/// </summary>
internal sealed class SqliteTuning : IAsyncDisposable
{
    private readonly DbConnection connection;
    private readonly string restore;

    private SqliteTuning(DbConnection connection, string restore)
    {
        this.connection = connection;
        this.restore = restore;
    }

    /// <summary>Applies the tuning on the context's open connection, outside a transaction; null when the provider is not SQLite.</summary>
    public static async Task<SqliteTuning?> ApplyAsync(AppDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        var connection = db.Database.GetDbConnection();
        var journalMode = await ReadAsync(connection, "journal_mode", ct);
        var synchronous = await ReadAsync(connection, "synchronous", ct);
        var cacheSize = await ReadAsync(connection, "cache_size", ct);
        var restore = $"PRAGMA journal_mode = {journalMode}; PRAGMA synchronous = {synchronous}; PRAGMA cache_size = {cacheSize};";
        await ExecuteAsync(connection, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;", ct);
        return new SqliteTuning(connection, restore);
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync(connection, restore, CancellationToken.None);

    private static async Task<string> ReadAsync(DbConnection connection, string pragma, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return Convert.ToString(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture)!;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}

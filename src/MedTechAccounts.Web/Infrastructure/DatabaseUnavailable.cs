using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MedTechAccounts.Web.Infrastructure;

/// <summary>
/// Which failures mean "the database cannot be used right now" rather than a bug: unreachable,
/// read-only, full, locked too long, timed out. They answer 503 (<see cref="DatabaseUnavailableHandler"/>)
/// and make /health/ready unhealthy; everything else stays a 500.
/// </summary>
public static class DatabaseUnavailable
{
    // Primary result codes (the low byte of an extended code).
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteReadOnly = 8, SqliteIoError = 10, SqliteFull = 13, SqliteCantOpen = 14;

    /// <summary>
    /// True when <paramref name="exception"/> or one it wraps says the database is unavailable. A SQLite
    /// file that could not be written also empties SQLite's connection pool: a pooled connection opened
    /// while the file was read-only stays read-only, and the app must recover once the file is writable.
    /// </summary>
    public static bool Observe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked or SqliteReadOnly
                    or SqliteIoError or SqliteFull or SqliteCantOpen:
                    SqliteConnection.ClearAllPools();
                    return true;
                // 08: connection exception; 53: insufficient resources; 57P01–57P03: server shutting down or starting;
                // 25006: a read-only server (a standby).
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                        || postgres.SqlState is "57P01" or "57P02" or "57P03" or "25006";
                case NpgsqlException:
                case RetryLimitExceededException:
                case TimeoutException:
                case SocketException:
                case DbException { IsTransient: true }:
                    return true;
            }
        }

        return false;
    }
}

using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MedTechAccounts.IntegrationTests.Infrastructure;

public enum DatabaseFault { None, ReadOnly, Unreachable }

/// <summary>
/// Lets a test take the app's SQLite database away while the app runs: <see cref="DatabaseFault.ReadOnly"/>
/// opens the file with <c>Mode=ReadOnly</c> (chmod does not stop a root test runner), <see cref="DatabaseFault.Unreachable"/>
/// opens a file in a folder that does not exist. <see cref="OnQuery"/> sees the token each query runs with.
/// </summary>
public sealed class DatabaseFaults(string connectionString) : IDbConnectionInterceptor, IDbCommandInterceptor
{
    private static readonly string Missing = Path.Combine(Path.GetTempPath(), $"medtech-missing-{Guid.NewGuid():N}", "medtech.db");

    public DatabaseFault Fault { get; set; }

    /// <summary>Called with the command text and cancellation token of every query the app runs.</summary>
    public Action<string, CancellationToken>? OnQuery { get; set; }

    public ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Apply(connection);
        return result;
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        OnQuery?.Invoke(command.CommandText, cancellationToken);
        return ValueTask.FromResult(result);
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection)
        {
            return;
        }

        connection.ConnectionString = Fault switch
        {
            DatabaseFault.ReadOnly => connectionString + ";Mode=ReadOnly",
            DatabaseFault.Unreachable => $"Data Source={Missing};Mode=ReadWrite;Pooling=False",
            _ => connectionString,
        };
    }
}

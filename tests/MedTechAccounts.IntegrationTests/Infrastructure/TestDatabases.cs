using MedTechAccounts.Core.Data;

namespace MedTechAccounts.IntegrationTests.Infrastructure;

public static class TestDatabases
{
    /// <summary>Server connection (without a database name) for the PostgreSQL runs, from MEDTECH_TEST_POSTGRES.</summary>
    public static string? PostgreSqlConnection => Environment.GetEnvironmentVariable("MEDTECH_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    /// <summary>A fresh, uniquely named database for one test class.</summary>
    public static (DatabaseProvider Provider, string ConnectionString) Create(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => (provider, $"Data Source={Path.Combine(Path.GetTempPath(), $"medtech-it-{Guid.NewGuid():N}.db")};Pooling=False"),
        DatabaseProvider.PostgreSql => (provider, new Npgsql.NpgsqlConnectionStringBuilder(PostgreSqlConnection
            ?? throw new InvalidOperationException("MEDTECH_TEST_POSTGRES is not set."))
        {
            Database = $"medtech_it_{Guid.NewGuid():N}",
        }.ConnectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}

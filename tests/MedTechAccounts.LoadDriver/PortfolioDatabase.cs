using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MedTechAccounts.LoadDriver;

/// <summary>
/// Reads the seeded database directly (plain SQL, not the app): which accounts a rep covers, the busiest of
/// them, and whether each acknowledged visit is stored exactly once. SQLite keeps ids as upper-case text,
/// PostgreSQL as uuid.
/// </summary>
public sealed class PortfolioDatabase(string provider, string connectionString)
{
    private bool IsSqlite => provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase);

    /// <summary>The rep's accounts, busiest (most interactions) first.</summary>
    public async Task<IReadOnlyList<Guid>> AccountsOfAsync(string email)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a."Id" FROM "Accounts" a
            JOIN "UserTerritories" ut ON ut."TerritoryId" = a."TerritoryId"
            JOIN "AspNetUsers" u ON u."Id" = ut."UserId"
            WHERE u."NormalizedEmail" = @email
            ORDER BY (SELECT COUNT(*) FROM "Interactions" i WHERE i."AccountId" = a."Id") DESC, a."Id"
            """;
        Add(command, "email", email.ToUpperInvariant());
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(IsSqlite ? Guid.Parse(reader.GetString(0)) : reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>The manager of the region of the rep's first territory.</summary>
    public async Task<string?> ManagerOfAsync(string email)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m."Email" FROM "AspNetUsers" m
            WHERE m."Region" = (
                SELECT t."Region" FROM "Territories" t
                JOIN "UserTerritories" ut ON ut."TerritoryId" = t."Id"
                JOIN "AspNetUsers" u ON u."Id" = ut."UserId"
                WHERE u."NormalizedEmail" = @email
                ORDER BY t."Name" LIMIT 1)
            ORDER BY m."Email" LIMIT 1
            """;
        Add(command, "email", email.ToUpperInvariant());
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>How many rows each visit id has (0 = missing), and how many rows carry the run's marker.</summary>
    public async Task<(int Missing, int Duplicated, int MarkedRows)> CheckAsync(IReadOnlyCollection<Guid> acknowledged, string marker)
    {
        await using var connection = await OpenAsync();
        var found = new HashSet<Guid>();
        foreach (var chunk in acknowledged.Chunk(500))
        {
            await using var command = connection.CreateCommand();
            var names = chunk.Select((id, i) => { Add(command, $"p{i}", IsSqlite ? id.ToString().ToUpperInvariant() : id); return $"@p{i}"; });
            command.CommandText = $"""SELECT "Id" FROM "Interactions" WHERE "Id" IN ({string.Join(",", names)})""";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                found.Add(IsSqlite ? Guid.Parse(reader.GetString(0)) : reader.GetGuid(0));
            }
        }

        // Each attempt's notes carry a sequence number of its own: two rows with one number are one visit stored twice.
        await using var duplicates = connection.CreateCommand();
        duplicates.CommandText = """
            SELECT COUNT(*), COUNT(DISTINCT "Notes") FROM "Interactions" WHERE "Notes" LIKE @marker
            """;
        Add(duplicates, "marker", marker + "%");
        await using var counts = await duplicates.ExecuteReaderAsync();
        await counts.ReadAsync();
        var rows = Convert.ToInt32(counts.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
        var distinct = Convert.ToInt32(counts.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        return (acknowledged.Count - found.Count, rows - distinct, rows);
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = IsSqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

using System.Data.Common;
using MedTechAccounts.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>
/// For the large profile on PostgreSQL, while the portfolio is written: the foreign keys and secondary indexes of
/// the tables the seeder bulk-loads are dropped, then made again after the load. Checked row by row, the foreign
/// keys took about 60% of the server's time and the indexes most of the rest; rebuilt afterwards, each index is
/// one sort and each foreign key one join. PostgreSQL's DDL is transactional and all of this happens inside the
/// seed's transaction, so a failed run rolls the drops back with the rows. Indexes that back a constraint or that
/// a foreign key refers to stay. The loaded tables are locked against other sessions until the commit.
/// </summary>
internal sealed class PostgreSqlBulkLoad
{
    private const string DefinitionsSql = """
        SELECT 0, format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname),
               format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
        FROM pg_constraint
        WHERE contype = 'f' AND conrelid = ANY(@tables::regclass[])
        UNION ALL
        SELECT 1, format('DROP INDEX %s', indexrelid::regclass), pg_get_indexdef(indexrelid)
        FROM pg_index
        WHERE indrelid = ANY(@tables::regclass[]) AND NOT indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexrelid)
        ORDER BY 1, 2
        """;

    private readonly DbConnection connection;
    private readonly IReadOnlyList<string> restore;

    private PostgreSqlBulkLoad(DbConnection connection, IReadOnlyList<string> restore)
    {
        this.connection = connection;
        this.restore = restore;
    }

    /// <summary>Drops the foreign keys, then the indexes, of the tables of <paramref name="entityTypes"/>; null when the provider is not PostgreSQL.</summary>
    public static async Task<PostgreSqlBulkLoad?> PrepareAsync(AppDbContext db, IEnumerable<Type> entityTypes, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return null;
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var tables = entityTypes.Select(t => db.Model.FindEntityType(t)!)
            .Select(e => sql.DelimitIdentifier(e.GetTableName()!, e.GetSchema()))
            .ToArray();
        var connection = db.Database.GetDbConnection();
        var drop = new List<string>();
        var create = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = DefinitionsSql;
            command.Parameters.Add(new NpgsqlParameter("tables", tables));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                drop.Add(reader.GetString(1));
                create.Add(reader.GetString(2));
            }
        }

        foreach (var statement in drop)
        {
            await ExecuteAsync(connection, statement, ct);
        }

        // Indexes first, foreign keys last: in reverse order of the drops.
        create.Reverse();
        return new PostgreSqlBulkLoad(connection, create);
    }

    /// <summary>Makes the indexes and foreign keys again (checking every loaded row against them), inside the transaction.</summary>
    public async Task RestoreAsync(IProgress<SeedProgress>? progress, CancellationToken ct)
    {
        for (var i = 0; i < restore.Count; i++)
        {
            progress?.Report(new SeedProgress("Indexes", i, restore.Count));
            await ExecuteAsync(connection, restore[i], ct);
        }

        progress?.Report(new SeedProgress("Indexes", restore.Count, restore.Count));
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }
}

using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MedTechAccounts.Core.Data;

/// <summary>
/// Writing stale marks (an account whose facts changed waits for the recompute) in SQL: one statement that
/// inserts a mark or moves an existing one to the new time. Concurrent writers to one account meet on the
/// mark's row lock instead of both inserting it (a duplicate key on PostgreSQL and SQL Server).
/// </summary>
public static class StaleMarks
{
    // Parameters per statement stay well under SQL Server's 2,100.
    private const int Chunk = 1000;

    /// <summary>Marks <paramref name="accountIds"/> stale as of <paramref name="now"/>, in the caller's transaction.</summary>
    public static async Task MarkAsync(AppDbContext db, IEnumerable<Guid> accountIds, DateTime now, CancellationToken ct)
    {
        // The same order in every transaction, so two writers lock the marks in the same order and never deadlock.
        foreach (var chunk in accountIds.Order().Chunk(Chunk))
        {
            var (sql, parameters) = Upsert(db, chunk, now);
            await db.Database.ExecuteSqlRawAsync(sql, parameters, ct);
        }
    }

    /// <inheritdoc cref="MarkAsync"/>
    public static void Mark(AppDbContext db, IEnumerable<Guid> accountIds, DateTime now)
    {
        foreach (var chunk in accountIds.Order().Chunk(Chunk))
        {
            var (sql, parameters) = Upsert(db, chunk, now);
            db.Database.ExecuteSqlRaw(sql, parameters);
        }
    }

    /// <summary>
    /// Marks every account stale in two statements: existing marks move to <paramref name="now"/>
    /// (so a batch already running keeps them), the other accounts get one by INSERT … SELECT.
    /// </summary>
    public static async Task<int> MarkAllAsync(AppDbContext db, DateTime now, CancellationToken ct)
    {
        var moved = await db.StaleAccounts.ExecuteUpdateAsync(s => s.SetProperty(m => m.MarkedAt, now), ct);
        var names = Names.Of(db);
        var account = db.Model.FindEntityType(typeof(Account))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var accountTable = sql.DelimitIdentifier(account.GetTableName()!, account.GetSchema());
        var accountId = sql.DelimitIdentifier(Names.Column(account, nameof(Account.Id)));
#pragma warning disable EF1003 // Identifiers come from the model, delimited by the provider; the only value is a parameter.
        var added = await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO {names.Table} ({names.AccountId}, {names.MarkedAt}) SELECT a.{accountId}, {{0}} FROM {accountTable} a " +
            $"WHERE NOT EXISTS (SELECT 1 FROM {names.Table} s WHERE s.{names.AccountId} = a.{accountId})",
            [now], ct);
#pragma warning restore EF1003
        return moved + added;
    }

    private static (string Sql, object[] Parameters) Upsert(AppDbContext db, Guid[] ids, DateTime now)
    {
        var n = Names.Of(db);
        var at = $"{{{ids.Length}}}";
        var parameters = ids.Cast<object>().Append(now).ToArray();
        var sql = db.Database.IsSqlServer()
            ? $"MERGE {n.Table} WITH (HOLDLOCK) AS s USING (VALUES {string.Join(", ", ids.Select((_, i) => $"({{{i}}})"))}) AS v (Id) " +
              $"ON s.{n.AccountId} = v.Id WHEN MATCHED THEN UPDATE SET {n.MarkedAt} = {at} " +
              $"WHEN NOT MATCHED THEN INSERT ({n.AccountId}, {n.MarkedAt}) VALUES (v.Id, {at});"
            // PostgreSQL and SQLite (3.24 and later) share the upsert syntax.
            : $"INSERT INTO {n.Table} ({n.AccountId}, {n.MarkedAt}) VALUES {string.Join(", ", ids.Select((_, i) => $"({{{i}}}, {at})"))} " +
              $"ON CONFLICT ({n.AccountId}) DO UPDATE SET {n.MarkedAt} = excluded.{n.MarkedAt}";
        return (sql, parameters);
    }

    /// <summary>The mark table's names as the provider writes them, from the EF model.</summary>
    private sealed record Names(string Table, string AccountId, string MarkedAt)
    {
        public static Names Of(AppDbContext db)
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            var stale = db.Model.FindEntityType(typeof(StaleAccount))!;
            return new(sql.DelimitIdentifier(stale.GetTableName()!, stale.GetSchema()),
                sql.DelimitIdentifier(Column(stale, nameof(StaleAccount.AccountId))),
                sql.DelimitIdentifier(Column(stale, nameof(StaleAccount.MarkedAt))));
        }

        public static string Column(IEntityType entity, string property) =>
            entity.FindProperty(property)!.GetColumnName(StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()))!;
    }
}

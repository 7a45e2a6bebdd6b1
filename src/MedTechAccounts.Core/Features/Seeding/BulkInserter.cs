using System.Data.Common;
using System.Text;
using MedTechAccounts.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>
/// Inserts new rows with multi-row INSERT statements on the context's connection and transaction. The large
/// profile writes millions of rows, which SaveChanges inserts about ten times slower; this skips change tracking
/// and the interceptor, so the seeder writes the audit summary and stale marks itself. Tables, columns and value
/// conversions come from the EF model, so it works on every provider. SQLite runs in-process, so one prepared
/// single-row statement is fastest there (it binds parameters by name, which gets slow with thousands of them);
/// server databases get multi-row statements to save round trips.
/// </summary>
internal sealed class BulkInserter(AppDbContext db) : IAsyncDisposable
{
    /// <summary>SQL Server takes at most 2,100 parameters per command; PostgreSQL more.</summary>
    private const int MaxParameters = 2000;

    private const int MaxRowsPerStatement = 500;

    private readonly Dictionary<Type, TableInsert> tables = [];

    public async Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (!tables.TryGetValue(typeof(T), out var table))
        {
            table = new TableInsert(db, db.Model.FindEntityType(typeof(T))!);
            tables[typeof(T)] = table;
        }

        await table.InsertAsync(rows, ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var table in tables.Values)
        {
            await table.DisposeAsync();
        }
    }

    private sealed class TableInsert : IAsyncDisposable
    {
        private readonly AppDbContext db;
        private readonly ISqlGenerationHelper sql;
        private readonly string table;
        private readonly Column[] columns;
        private readonly int rowsPerStatement;
        private DbCommand? fullCommand;

        public TableInsert(AppDbContext db, IEntityType entityType)
        {
            this.db = db;
            sql = db.GetService<ISqlGenerationHelper>();
            var store = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            table = sql.DelimitIdentifier(store.Name, store.Schema);
            columns = entityType.GetProperties()
                .Where(p => p.GetColumnName(store) is not null)
                .Select(p => new Column(
                    sql.DelimitIdentifier(p.GetColumnName(store)!), p.GetGetter(), (RelationalTypeMapping)p.GetRelationalTypeMapping(), p.IsNullable))
                .ToArray();
            rowsPerStatement = db.Database.IsSqlite() ? 1 : Math.Clamp(MaxParameters / columns.Length, 1, MaxRowsPerStatement);
        }

        public async Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken ct) where T : class
        {
            for (var offset = 0; offset < rows.Count; offset += rowsPerStatement)
            {
                var count = Math.Min(rowsPerStatement, rows.Count - offset);
                if (count == rowsPerStatement)
                {
                    fullCommand ??= await CreateCommandAsync(count, prepare: true, ct);
                    await ExecuteAsync(fullCommand, rows, offset, count, ct);
                }
                else
                {
                    await using var partial = await CreateCommandAsync(count, prepare: false, ct);
                    await ExecuteAsync(partial, rows, offset, count, ct);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (fullCommand is not null)
            {
                await fullCommand.DisposeAsync();
            }
        }

        private async Task ExecuteAsync<T>(DbCommand command, IReadOnlyList<T> rows, int offset, int count, CancellationToken ct) where T : class
        {
            // Reused commands keep the transaction they were created with; the seeder uses one per run.
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var parameter = 0;
            for (var row = offset; row < offset + count; row++)
            {
                foreach (var column in columns)
                {
                    var value = column.Getter.GetClrValue(rows[row]);
                    if (value is not null && column.ToProvider is { } convert)
                    {
                        value = convert(value);
                    }

                    command.Parameters[parameter++].Value = value ?? DBNull.Value;
                }
            }

            await command.ExecuteNonQueryAsync(ct);
        }

        private async Task<DbCommand> CreateCommandAsync(int rows, bool prepare, CancellationToken ct)
        {
            var command = db.Database.GetDbConnection().CreateCommand();
            var text = new StringBuilder("INSERT INTO ").Append(table).Append(" (")
                .AppendJoin(", ", columns.Select(c => c.Name)).Append(") VALUES ");
            var index = 0;
            for (var row = 0; row < rows; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    var name = "p" + index++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                    command.Parameters.Add(columns[c].Mapping.CreateParameter(command, sql.GenerateParameterName(name), null, columns[c].Nullable));
                }

                text.Append(')');
            }

            command.CommandText = text.ToString();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (prepare)
            {
                await command.PrepareAsync(ct);
            }

            return command;
        }
    }

    private sealed record Column(string Name, IClrPropertyGetter Getter, RelationalTypeMapping Mapping, bool Nullable)
    {
        public Func<object?, object?>? ToProvider { get; } = Mapping.Converter?.ConvertToProvider;
    }
}

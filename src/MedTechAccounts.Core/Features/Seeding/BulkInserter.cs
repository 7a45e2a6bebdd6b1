using System.Data.Common;
using System.Text;
using MedTechAccounts.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>
/// Inserts new rows on the context's connection and transaction. The large profile writes millions of rows,
/// which SaveChanges inserts about ten times slower; this skips change tracking and the interceptor, so the
/// seeder writes the audit summary and stale marks itself. Tables, columns and value conversions come from the
/// EF model, so it works on every provider. PostgreSQL gets binary COPY, its bulk-load protocol: rows stream to
/// the server without statements or parameters. SQLite runs in-process, so one prepared single-row statement is
/// fastest there (it binds parameters by name, which gets slow with thousands of them); SQL Server gets
/// multi-row statements to save round trips.
/// </summary>
internal sealed class BulkInserter(AppDbContext db) : IAsyncDisposable
{
    private readonly Dictionary<Type, ITableWriter> tables = [];

    private interface ITableWriter : IAsyncDisposable
    {
        Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken ct) where T : class;
    }

    public async Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (!tables.TryGetValue(typeof(T), out var table))
        {
            var entityType = db.Model.FindEntityType(typeof(T))!;
            table = db.Database.IsNpgsql() ? new TableCopy(db, entityType) : new TableInsert(db, entityType);
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

    /// <summary>The delimited table name and the mapped columns of <paramref name="entityType"/>.</summary>
    private static (string Table, Column[] Columns) Describe(AppDbContext db, IEntityType entityType)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var store = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Where(p => p.GetColumnName(store) is not null)
            .Select(p => new Column(
                sql.DelimitIdentifier(p.GetColumnName(store)!), p.GetGetter(), (RelationalTypeMapping)p.GetRelationalTypeMapping(), p.IsNullable))
            .ToArray();
        return (sql.DelimitIdentifier(store.Name, store.Schema), columns);
    }

    /// <summary>One <c>COPY … FROM STDIN (FORMAT BINARY)</c> per call; it joins the connection's open transaction.</summary>
    private sealed class TableCopy : ITableWriter
    {
        private readonly NpgsqlConnection connection;
        private readonly string copy;
        private readonly Column[] columns;
        private readonly NpgsqlDbType[] types;

        public TableCopy(AppDbContext db, IEntityType entityType)
        {
            connection = (NpgsqlConnection)db.Database.GetDbConnection();
            (var table, columns) = Describe(db, entityType);
            copy = $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";
            types = columns.Select(c => WireType(entityType, c)).ToArray();
        }

        public async Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken ct) where T : class
        {
            await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                for (var c = 0; c < columns.Length; c++)
                {
                    if (columns[c].ProviderValue(row) is { } value)
                    {
                        await importer.WriteAsync(value, types[c], ct);
                    }
                    else
                    {
                        await importer.WriteNullAsync(ct);
                    }
                }
            }

            await importer.CompleteAsync(ct);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        /// <summary>
        /// Binary COPY carries no type names, so each value must be written in its column's exact wire format. The
        /// provider's type mapping knows it: it is the type it gives a parameter of that column.
        /// </summary>
        private static NpgsqlDbType WireType(IEntityType entityType, Column column)
        {
            using var command = new NpgsqlCommand();
            var parameter = (NpgsqlParameter)column.Mapping.CreateParameter(command, "p", null, column.Nullable);
            return parameter.NpgsqlDbType is var type and not NpgsqlDbType.Unknown
                ? type
                : throw new InvalidOperationException($"No PostgreSQL wire type for {entityType.DisplayName()}.{column.Name} ({column.Mapping.StoreType}).");
        }
    }

    /// <summary>Multi-row INSERT statements (one row per statement on SQLite), the full-size one prepared once.</summary>
    private sealed class TableInsert : ITableWriter
    {
        /// <summary>SQL Server takes at most 2,100 parameters per command.</summary>
        private const int MaxParameters = 2000;

        private const int MaxRowsPerStatement = 500;

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
            (table, columns) = Describe(db, entityType);
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
                    command.Parameters[parameter++].Value = column.ProviderValue(rows[row]) ?? DBNull.Value;
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
        private readonly Func<object?, object?>? toProvider = Mapping.Converter?.ConvertToProvider;

        /// <summary>The column's value in <paramref name="row"/> as the database stores it (after the model's value converter).</summary>
        public object? ProviderValue(object row)
        {
            var value = Getter.GetClrValue(row);
            return value is not null && toProvider is not null ? toProvider(value) : value;
        }
    }
}

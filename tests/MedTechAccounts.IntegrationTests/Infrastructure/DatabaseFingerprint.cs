using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MedTechAccounts.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace MedTechAccounts.IntegrationTests.Infrastructure;

/// <summary>
/// The row count and a content checksum of every table of the EF model (Identity, OpenIddict and the audit trail
/// included), read with plain SQL on SQLite and PostgreSQL, so a test can prove that something wrote nothing at all.
/// The checksum does not depend on row order.
/// </summary>
public sealed class DatabaseFingerprint
{
    private DatabaseFingerprint(IReadOnlyDictionary<string, (long Rows, string Checksum)> tables) => Tables = tables;

    public IReadOnlyDictionary<string, (long Rows, string Checksum)> Tables { get; }

    public static Task<DatabaseFingerprint> TakeAsync(AppFactory app) => app.WithDbAsync((db, _) => TakeAsync(db));

    public static async Task<DatabaseFingerprint> TakeAsync(AppDbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var tables = db.Model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null)
            .Select(e => sql.DelimitIdentifier(e.GetTableName()!, e.GetSchema()))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var result = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var table in tables)
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = $"SELECT * FROM {table}";
                await using var reader = await command.ExecuteReaderAsync();
                result[table] = await ChecksumAsync(reader);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return new DatabaseFingerprint(result);
    }

    /// <summary>The tables whose count or content differ from <paramref name="before"/>, one per line; empty when none.</summary>
    public string DifferencesFrom(DatabaseFingerprint before) => string.Join(Environment.NewLine, Tables
        .Where(t => !before.Tables.TryGetValue(t.Key, out var old) || old != t.Value)
        .Select(t => $"{t.Key}: {(before.Tables.TryGetValue(t.Key, out var old) ? old.Rows : 0)} rows before, {t.Value.Rows} after"
            + (before.Tables.TryGetValue(t.Key, out var same) && same.Rows == t.Value.Rows ? ", content changed" : "")));

    private static async Task<(long Rows, string Checksum)> ChecksumAsync(DbDataReader reader)
    {
        var rows = new List<string>();
        var cells = new string[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Cell(reader.GetValue(i));
            }

            rows.Add(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', cells)))));
        }

        rows.Sort(StringComparer.Ordinal);
        return (rows.Count, Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(string.Concat(rows)))));
    }

    private static string Cell(object value) => value switch
    {
        DBNull => "\u0000",
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}

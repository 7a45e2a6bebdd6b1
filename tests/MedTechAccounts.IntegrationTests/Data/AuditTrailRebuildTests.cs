using System.Globalization;
using System.Security.Cryptography;
using CsCheck;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MedTechAccounts.IntegrationTests.Data;

/// <summary>
/// The audit trail proven: for every audited entity type of the EF model, seeded random creates, edits of random
/// fields and deletes go through the app's own context and interceptors; then every row of the table is rebuilt from
/// its audit entries alone and compared, column by column, with what the database holds.
/// </summary>
public abstract class AuditTrailRebuildTests(AppFactory app)
{
    private const int Seed = 20261203;
    private const int OperationsPerType = 10;

    /// <summary>Entity types the audit leaves out on purpose; every other type of the model is rebuilt.</summary>
    private static readonly Dictionary<string, string> NotAudited = new()
    {
        [nameof(AuditEntry)] = "the audit log itself",
        [nameof(StaleAccount)] = "the recompute worker's queue of accounts to score, written by a raw upsert; no record of anyone's",
        [nameof(DataProtectionKey)] = "the cookie and token key ring: a secret, rotated by the framework",
        ["IdentityUserToken`1"] = "authenticator keys and recovery codes: secrets",
        ["IdentityUserClaim`1"] = "the app stores no user claims",
        ["IdentityRoleClaim`1"] = "the app stores no role claims",
        ["IdentityUserLogin`1"] = "the app has no external logins",
        ["OpenIddictEntityFrameworkCoreApplication"] = "OpenID Connect clients, seeded from configuration at start-up",
        ["OpenIddictEntityFrameworkCoreAuthorization"] = "token grants of the sign-in server, pruned by a background job",
        ["OpenIddictEntityFrameworkCoreScope"] = "OpenID Connect scopes, seeded at start-up",
        ["OpenIddictEntityFrameworkCoreToken"] = "issued tokens, pruned by a background job",
    };

    /// <summary>Columns the audit records without their value, on purpose.</summary>
    private static readonly Dictionary<string, string> Redacted = new()
    {
        [nameof(IdentityUser.PasswordHash)] = "a credential: recorded as (redacted)",
        [nameof(IdentityUser.SecurityStamp)] = "invalidates sessions when changed: recorded as (redacted)",
        [nameof(IdentityUser.ConcurrencyStamp)] = "Identity's token, renewed with the security stamp: recorded as (redacted)",
    };

    /// <summary>Regulated records the app refuses to change or delete: only created here, and edits and deletes must fail.</summary>
    private static readonly HashSet<Type> WrittenOnce = [typeof(TrainingSignOff)];

    [DbFact]
    public async Task Every_row_of_every_audited_table_rebuilds_from_its_audit_entries_after_random_creates_edits_and_deletes()
    {
        var world = new World(app, new PCG(1, Seed));
        var types = await app.WithDbAsync((db, _) =>
            Task.FromResult(db.Model.GetEntityTypes().Where(t => !t.IsOwned() && !NotAudited.ContainsKey(t.ClrType.Name)).ToList()));

        foreach (var type in types)
        {
            await world.RunAsync(type, OperationsPerType, WrittenOnce.Contains(type.ClrType));
        }

        var problems = new List<string>();
        foreach (var type in types)
        {
            problems.AddRange(await app.WithDbAsync(async (db, _) => await CompareAsync(db, db.Model.FindEntityType(type.ClrType)!)));
        }

        Assert.True(problems.Count == 0, $"{problems.Count} difference(s) between the tables and their audit trail (seed {Seed}):\n"
            + string.Join("\n", problems.Take(40)));
        Assert.True(types.Count >= 20, $"only {types.Count} audited types found");
        Assert.True(world.Operations >= types.Count * OperationsPerType, $"only {world.Operations} operations ran");
    }

    /// <summary>Rebuilds the table of <paramref name="type"/> from its seed data and audit entries, and lists every difference.</summary>
    private static async Task<List<string>> CompareAsync(AppDbContext db, IEntityType type)
    {
        var name = type.ClrType.Name;
        var properties = type.GetProperties().ToList();
        var problems = new List<string>();
        var rebuilt = new Dictionary<string, Dictionary<string, object?>>();
        // Rows a migration inserts (HasData) are part of the schema's history, not of the audit's.
        foreach (var seed in db.GetService<IDesignTimeModel>().Model.FindEntityType(type.Name)!.GetSeedData())
        {
            rebuilt[KeyOf(type, p => seed[p.Name])] = properties.ToDictionary(p => p.Name, p => seed.TryGetValue(p.Name, out var value) ? value : null);
        }

        var deleted = new HashSet<string>();
        foreach (var entry in await db.AuditEntries.AsNoTracking().Where(e => e.Entity == name).OrderBy(e => e.Id).ToListAsync())
        {
            var at = $"{name} {entry.EntityId} (audit entry {entry.Id}, {entry.Action} of {entry.Field})";
            var property = type.FindProperty(entry.Field);
            if (property is null)
            {
                problems.Add($"{at}: no such column");
                continue;
            }

            if (entry.Action == AuditAction.Redact)
            {
                // Records the act (who, when, why); the values it replaced were rewritten to the marker in place.
                continue;
            }

            if (entry.Action == AuditAction.Insert)
            {
                if (deleted.Remove(entry.EntityId) || !rebuilt.ContainsKey(entry.EntityId))
                {
                    rebuilt[entry.EntityId] = properties.ToDictionary(p => p.Name, _ => (object?)null);
                }

                rebuilt[entry.EntityId][entry.Field] = Parse(property, entry.NewValue);
                continue;
            }

            if (!rebuilt.TryGetValue(entry.EntityId, out var row) || deleted.Contains(entry.EntityId) && entry.Action == AuditAction.Update)
            {
                problems.Add($"{at}: the record does not exist at that point");
                continue;
            }

            if (!Redacted.ContainsKey(entry.Field) && !Same(row[entry.Field], Parse(property, entry.OldValue)))
            {
                problems.Add($"{at}: old value {Show(entry.OldValue)} but the rebuilt row holds {Show(row[entry.Field])}");
            }

            row[entry.Field] = Parse(property, entry.NewValue);
            if (entry.Action == AuditAction.Delete)
            {
                // One entry per column; the row is gone once they are all read.
                deleted.Add(entry.EntityId);
            }
        }

        foreach (var key in deleted)
        {
            rebuilt.Remove(key);
        }

        var actual = await RowsAsync(db, type);
        foreach (var (key, values) in actual)
        {
            if (!rebuilt.TryGetValue(key, out var row))
            {
                problems.Add($"{name} {key}: in the table, absent from the rebuild");
                continue;
            }

            foreach (var property in properties.Where(p => !Redacted.ContainsKey(p.Name)))
            {
                if (!Same(row[property.Name], values[property.Name]))
                {
                    problems.Add($"{name} {key}.{property.Name}: the table holds {Show(values[property.Name])}, the audit rebuilds {Show(row[property.Name])}");
                }
            }
        }

        problems.AddRange(rebuilt.Keys.Where(k => !actual.ContainsKey(k)).Select(k => $"{name} {k}: rebuilt from the audit, absent from the table"));
        return problems;
    }

    private static async Task<Dictionary<string, Dictionary<string, object?>>> RowsAsync(AppDbContext db, IEntityType type)
    {
        var rows = (IQueryable<object>)typeof(AuditTrailRebuildTests).GetMethod(nameof(Table), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type.ClrType).Invoke(null, [db])!;
        var result = new Dictionary<string, Dictionary<string, object?>>();
        foreach (var row in await rows.ToListAsync())
        {
            var entry = db.Entry(row);
            result[KeyOf(type, p => entry.Property(p.Name).CurrentValue)] = type.GetProperties().ToDictionary(p => p.Name, p => entry.Property(p.Name).CurrentValue);
        }

        return result;
    }

    private static IQueryable<object> Table<T>(AppDbContext db) where T : class => db.Set<T>().IgnoreQueryFilters();

    private static string KeyOf(IEntityType type, Func<IProperty, object?> value) =>
        string.Join(",", type.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(value(p), CultureInfo.InvariantCulture)));

    /// <summary>Reads an audit value back into the column's type; byte arrays are recorded as their size and digest.</summary>
    private static object? Parse(IProperty property, string? text)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        if (text is null || type == typeof(string) || type == typeof(byte[]))
        {
            return text;
        }

        var c = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type.IsEnum => Enum.Parse(type, text),
            _ when type == typeof(Guid) => Guid.Parse(text, c),
            _ when type == typeof(DateTime) => DateTime.Parse(text, c, DateTimeStyles.RoundtripKind),
            _ when type == typeof(DateTimeOffset) => DateTimeOffset.Parse(text, c, DateTimeStyles.RoundtripKind),
            _ when type == typeof(DateOnly) => DateOnly.ParseExact(text, "yyyy-MM-dd", c),
            _ when type == typeof(bool) => bool.Parse(text),
            _ => Convert.ChangeType(text, type, c),
        };
    }

    private static bool Same(object? rebuilt, object? actual) => (rebuilt, actual) switch
    {
        (string digest, byte[] bytes) => digest == Digest(bytes),
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (DateTimeOffset a, DateTimeOffset b) => a.Equals(b) && a.Offset == b.Offset,
        _ => Equals(rebuilt, actual),
    };

    private static string Digest(byte[] bytes) => $"({bytes.Length} bytes, SHA-256 {Convert.ToHexStringLower(SHA256.HashData(bytes))})";

    private static string Show(object? value) => value switch
    {
        null => "null",
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        string { Length: > 60 } s => $"\"{s[..60]}…\" ({s.Length} chars)",
        byte[] b => Digest(b),
        _ => $"\"{Convert.ToString(value, CultureInfo.InvariantCulture)}\"",
    };

    /// <summary>Applies seeded random operations through the app's context, and keeps the rows they need to point at.</summary>
    private sealed class World(AppFactory app, PCG random)
    {
        private static readonly Gen<char> Chars = Gen.Frequency(
            (6, Gen.Char['a', 'z']),
            (2, Gen.Char['0', '9']),
            (2, Gen.Const(' ')),
            (1, Gen.OneOf('é', 'ß', '漢', 'Ω', '"', '\'', ',', ';', '\\', '%', '_', '\n', '\r', '\t', '\u0001', '\u00a0', '\u2028')));

        private readonly Dictionary<Type, object[]> shared = [];
        private int unique;

        public int Operations { get; private set; }

        /// <summary>
        /// Runs <paramref name="count"/> operations in saves of one to four, each on a different row: creates,
        /// edits of random columns and deletes of rows that earlier saves wrote.
        /// </summary>
        public async Task RunAsync(IEntityType type, int count, bool writtenOnce)
        {
            var live = new List<object[]>();
            // A join row is all key: it is created and deleted, never edited.
            var kinds = type.GetProperties().All(p => p.IsKey()) ? Gen.Frequency((2, 0), (1, 2)) : Gen.Frequency((2, 0), (3, 1), (1, 2));
            for (var done = 0; done < count;)
            {
                var batch = Gen.Int[1, 4].Generate(random, null, out _);
                var touched = new List<object[]>();
                var created = new List<object[]>();
                await app.WithDbAsync(async db =>
                {
                    for (var i = 0; i < batch && done < count; i++, done++, Operations++)
                    {
                        var untouched = live.Except(touched).ToList();
                        var kind = untouched.Count == 0 || writtenOnce ? 0 : kinds.Generate(random, null, out _);
                        if (kind == 0)
                        {
                            created.Add(await CreateAsync(db, type, forSequence: true));
                            continue;
                        }

                        var key = untouched[Gen.Int[0, untouched.Count - 1].Generate(random, null, out _)];
                        touched.Add(key);
                        await (kind == 1 ? EditAsync(db, type, key) : DeleteAsync(db, type, key));
                        if (kind == 2)
                        {
                            live.Remove(key);
                        }
                    }

                    await db.SaveChangesAsync();
                    live.AddRange(created);
                });
            }

            if (writtenOnce)
            {
                foreach (var change in new Func<AppDbContext, Task>[] { db => EditAsync(db, type, live[0]), db => DeleteAsync(db, type, live[0]) })
                {
                    var refused = await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
                    {
                        await change(db);
                        await db.SaveChangesAsync();
                    }));
                    Assert.Contains("cannot be changed or deleted", refused?.Message ?? $"a change to {type.ClrType.Name} was saved");
                }
            }
        }

        private static object[] KeyValues(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
            entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue!).ToArray();

        /// <summary>Adds a row with random values in every column (and any fresh rows it points at) to <paramref name="db"/>; returns its key.</summary>
        private async Task<object[]> CreateAsync(AppDbContext db, IEntityType type, bool forSequence)
        {
            var entity = Activator.CreateInstance(type.ClrType)!;
            var values = new Dictionary<IProperty, object?>();
            foreach (var property in type.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAdd || p.ClrType == typeof(Guid)))
            {
                values[property] = await ValueAsync(db, type, property, optionalFks: forSequence);
            }

            foreach (var (property, value) in values.Where(v => v.Key.PropertyInfo is not null))
            {
                property.PropertyInfo!.SetValue(entity, value);
            }

            var entry = db.Add(entity);
            foreach (var (property, value) in values.Where(v => v.Key.PropertyInfo is null))
            {
                entry.Property(property.Name).CurrentValue = value;
            }

            return KeyValues(entry);
        }

        /// <summary>Changes a random, non-empty set of the row's columns (never its key) to random values.</summary>
        private async Task EditAsync(AppDbContext db, IEntityType type, object[] key)
        {
            var entity = await db.FindAsync(type.ClrType, key) ?? throw new InvalidOperationException($"{type.ClrType.Name} {string.Join(",", key)} vanished");
            var entry = db.Entry(entity);
            var editable = type.GetProperties().Where(p => !p.IsKey()).ToList();
            var chosen = editable.Where(p => Gen.Int[0, 2].Generate(random, null, out _) == 0).DefaultIfEmpty(editable[0]).ToList();
            foreach (var property in chosen)
            {
                entry.Property(property.Name).CurrentValue = await ValueAsync(db, type, property, optionalFks: true);
            }
        }

        private static async Task DeleteAsync(AppDbContext db, IEntityType type, object[] key) => db.Remove((await db.FindAsync(type.ClrType, key))!);

        /// <summary>
        /// A random value the column can hold. A foreign key points at a shared row of its principal, or at a fresh one
        /// when the key is part of a unique index (join tables, order lines); unique strings carry a counter.
        /// </summary>
        private async Task<object?> ValueAsync(AppDbContext db, IEntityType type, IProperty property, bool optionalFks)
        {
            var unique = IsUnique(type, property);
            if (property.GetContainingForeignKeys().FirstOrDefault() is { } fk)
            {
                if (property.IsNullable && (!optionalFks || Gen.Int[0, 2].Generate(random, null, out _) == 0))
                {
                    return null;
                }

                var principal = unique || fk.PrincipalEntityType == type ? await CreateAsync(db, fk.PrincipalEntityType, forSequence: false) : await SharedAsync(db, fk.PrincipalEntityType);
                var column = fk.PrincipalKey.Properties[fk.Properties.ToList().IndexOf(property)];
                return principal[fk.PrincipalEntityType.FindPrimaryKey()!.Properties.ToList().IndexOf(column)];
            }

            var clr = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            if (property.IsNullable && !unique && Gen.Int[0, 4].Generate(random, null, out _) == 0)
            {
                return null;
            }

            return clr switch
            {
                _ when clr == typeof(string) => Text(property, unique),
                _ when clr.IsEnum => Gen.OneOf(Enum.GetValues(clr).Cast<object>().ToArray()).Generate(random, null, out _),
                _ when clr == typeof(Guid) => Gen.Guid.Generate(random, null, out _),
                _ when clr == typeof(bool) => Gen.Bool.Generate(random, null, out _),
                _ when clr == typeof(int) => unique ? ++this.unique : Gen.Int.Generate(random, null, out _),
                _ when clr == typeof(long) => Gen.Long.Generate(random, null, out _),
                _ when clr == typeof(short) => Gen.Short.Generate(random, null, out _),
                _ when clr == typeof(double) => Gen.Double.Where(double.IsFinite).Generate(random, null, out _),
                _ when clr == typeof(float) => Gen.Single.Where(float.IsFinite).Generate(random, null, out _),
                // Cents up to 10^14: REAL on SQLite holds every cent exactly up to 2^53.
                _ when clr == typeof(decimal) => Gen.Long[-100_000_000_000_000, 100_000_000_000_000].Generate(random, null, out _) / 100m,
                _ when clr == typeof(DateTime) => new DateTime(Gen.Long[DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks].Generate(random, null, out _), DateTimeKind.Utc),
                // PostgreSQL's timestamptz takes UTC only.
                _ when clr == typeof(DateTimeOffset) => new DateTimeOffset(Gen.Long[DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks].Generate(random, null, out _), TimeSpan.Zero),
                _ when clr == typeof(DateOnly) => DateOnly.FromDayNumber(Gen.Int[DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber].Generate(random, null, out _)),
                _ when clr == typeof(byte[]) => Gen.Byte.Array[0, 3000].Generate(random, null, out _),
                _ => throw new NotSupportedException($"{type.ClrType.Name}.{property.Name}: no generator for {clr.Name}"),
            };
        }

        private string Text(IProperty property, bool unique)
        {
            var max = property.GetMaxLength() ?? 5000;
            var length = Gen.Frequency((8, Gen.Int[0, Math.Min(20, max)]), (1, Gen.Int[0, max]), (1, Gen.Const(max))).Generate(random, null, out _);
            var text = Gen.String[Chars, length, length].Generate(random, null, out _);
            text = unique ? $"{++this.unique}-{text}" : text;
            return text.Length > max ? text[..max] : text;
        }

        /// <summary>
        /// True for the one column of each composite key or unique index that keeps its rows distinct here: the first
        /// string, else the first foreign key (which then points at a fresh principal).
        /// </summary>
        private static bool IsUnique(IEntityType type, IProperty property) =>
            type.GetKeys().Where(k => k.Properties.Count > 1).Select(k => k.Properties)
                .Concat(type.GetIndexes().Where(i => i.IsUnique).Select(i => i.Properties))
                .Any(columns => (columns.FirstOrDefault(p => p.ClrType == typeof(string)) ?? columns.FirstOrDefault(p => p.IsForeignKey())) == property);

        private async Task<object[]> SharedAsync(AppDbContext db, IEntityType type)
        {
            if (!shared.TryGetValue(type.ClrType, out var key))
            {
                key = shared[type.ClrType] = await CreateAsync(db, type, forSequence: false);
            }

            return key;
        }
    }
}

public sealed class AuditTrailRebuildTestsOnSqlite(SqliteAppFactory app) : AuditTrailRebuildTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AuditTrailRebuildTestsOnPostgreSql(PostgreSqlAppFactory app) : AuditTrailRebuildTests(app), IClassFixture<PostgreSqlAppFactory>;

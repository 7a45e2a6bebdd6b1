using MedTechAccounts.Core;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Seeding;
using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace MedTechAccounts.IntegrationTests.Features.Seeding;

/// <summary>
/// The same large-profile seed written through binary COPY on PostgreSQL and through single-row statements on
/// SQLite gives the same rows. The PostgreSQL session runs in a zone far from UTC, so a time written as a local
/// timestamp would move.
/// </summary>
public sealed class LargeSeedTestsOnPostgreSql(LargeSeedTestsOnPostgreSql.Portfolios portfolios) : IClassFixture<LargeSeedTestsOnPostgreSql.Portfolios>
{
    private static readonly SeedOptions Options = SeedOptions.Large(new DateOnly(2026, 5, 14), accounts: 150, seed: 7);

    [DbFact]
    public async Task Every_table_holds_as_many_rows_as_on_sqlite()
    {
        var onSqlite = await portfolios.Sqlite.CountRowsAsync();
        var onPostgreSql = await portfolios.PostgreSql.CountRowsAsync();

        Assert.Equal(onSqlite, onPostgreSql);
        Assert.Equal(Options.Accounts, onPostgreSql["Accounts"]);
        Assert.True(onPostgreSql["Interactions"] > 10_000, $"{onPostgreSql["Interactions"]} interactions");
    }

    [DbFact]
    public async Task Money_reads_back_to_the_cent_with_the_column_scale()
    {
        static IQueryable<object> Lines(AppDbContext db) => db.OrderLines.Select(l => new { l.Id, l.OrderId, l.LineNo, l.ProductId, l.Quantity, l.ListAmount, l.NetAmount });

        var lines = await portfolios.PostgreSql.ReadAsync(db => db.OrderLines);

        Assert.Equal(await portfolios.Sqlite.ReadAsync(Lines), await portfolios.PostgreSql.ReadAsync(Lines));
        Assert.All(lines, l => Assert.Equal((2, 2), (l.ListAmount.Scale, l.NetAmount.Scale)));
    }

    [DbFact]
    public async Task Ids_times_dates_enums_and_empty_columns_read_back_as_written()
    {
        static IQueryable<object> Accounts(AppDbContext db) => db.Accounts.Select(a => new
        {
            a.Id, a.ExternalId, a.Name, a.ParentAccountId, a.Segment, a.BedCount, a.TerritoryId, a.OwnerRepId, a.Status, a.City, a.State, a.TimeZone,
        });
        static IQueryable<object> Interactions(AppDbContext db) => db.Interactions.Select(i => new
        {
            i.Id, i.AccountId, i.RepId, i.ExternalId, i.OccurredAt, i.Type, i.Notes, i.VoiceOfCustomer, i.Sentiment, i.NextStep,
            i.NextStepDue, i.NextStepDoneAt, i.Source, i.TrainedProductId, i.CreatedAt, i.Version,
        });
        static IQueryable<object> Incidents(AppDbContext db) => db.Incidents.Select(i => new
        {
            i.Id, i.DeviceId, i.AccountId, i.ExternalId, i.OpenedAt, i.Severity, i.Category, i.FirstResponseAt, i.ResolvedAt, i.AfterHours,
            i.ResponderId, i.Status,
        });
        static IQueryable<object> Devices(AppDbContext db) => db.Devices.Select(d => new
        {
            d.Id, d.ProductId, d.SerialNumber, d.AccountId, d.Department, d.InstallDate, d.WarrantyEnd, d.ContractEnd, d.Status, d.Competitor,
        });

        Assert.Equal(await portfolios.Sqlite.ReadAsync(Accounts), await portfolios.PostgreSql.ReadAsync(Accounts));
        Assert.Equal(await portfolios.Sqlite.ReadAsync(Interactions), await portfolios.PostgreSql.ReadAsync(Interactions));
        Assert.Equal(await portfolios.Sqlite.ReadAsync(Incidents), await portfolios.PostgreSql.ReadAsync(Incidents));
        Assert.Equal(await portfolios.Sqlite.ReadAsync(Devices), await portfolios.PostgreSql.ReadAsync(Devices));
        // The comparisons cover empty and filled nullable columns of each kind: time, date, id, number, text.
        var incidents = await portfolios.PostgreSql.ReadAsync(db => db.Incidents);
        var interactions = await portfolios.PostgreSql.ReadAsync(db => db.Interactions);
        var devices = await portfolios.PostgreSql.ReadAsync(db => db.Devices);
        var accounts = await portfolios.PostgreSql.ReadAsync(db => db.Accounts);
        Assert.Equal([false, true], accounts.Select(a => a.ParentAccountId is null).Distinct().Order());
        Assert.Equal([false, true], accounts.Select(a => a.BedCount is null).Distinct().Order());
        Assert.Equal([false, true], incidents.Select(i => i.ResolvedAt is null).Distinct().Order());
        Assert.Equal([false, true], interactions.Select(i => i.NextStepDue is null).Distinct().Order());
        Assert.Equal([false, true], interactions.Select(i => i.NextStepDoneAt is null).Distinct().Order());
        Assert.Equal([false, true], devices.Select(d => d.Competitor is null).Distinct().Order());
        Assert.All(incidents, i => Assert.Equal(DateTimeKind.Utc, i.OpenedAt.Kind));
    }

    [DbFact]
    public async Task The_seed_leaves_every_index_and_foreign_key_in_place_and_the_planner_with_statistics()
    {
        var (indexes, foreignKeys, analyzed) = await portfolios.PostgreSql.ReadAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """
                SELECT (SELECT count(*) FROM pg_indexes WHERE tablename = 'Interactions'),
                       (SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = '"Interactions"'::regclass),
                       (SELECT reltuples FROM pg_class WHERE oid = '"Interactions"'::regclass)
                """;
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1), reader.GetFloat(2));
        });

        var model = portfolios.PostgreSql.InteractionIndexAndForeignKeyCounts;
        Assert.Equal(model.Indexes, indexes);
        Assert.Equal(model.ForeignKeys, foreignKeys);
        Assert.True(analyzed > 0, "ANALYZE has not run on Interactions.");
    }

    /// <summary>The portfolio seeded once per provider, with the production services and a fixed clock.</summary>
    public sealed class Portfolios : IAsyncLifetime
    {
        private string? sqliteFile;

        public Portfolio Sqlite { get; private set; } = null!;
        public Portfolio PostgreSql { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            if (TestDatabases.PostgreSqlConnection is null)
            {
                return;
            }

            var (_, postgreSql) = TestDatabases.Create(DatabaseProvider.PostgreSql);
            var (_, sqlite) = TestDatabases.Create(DatabaseProvider.Sqlite);
            sqliteFile = new SqliteConnectionStringBuilder(sqlite).DataSource;
            Sqlite = await Portfolio.SeedAsync(DatabaseProvider.Sqlite, sqlite);
            PostgreSql = await Portfolio.SeedAsync(
                DatabaseProvider.PostgreSql, new NpgsqlConnectionStringBuilder(postgreSql) { Timezone = "Pacific/Kiritimati" }.ConnectionString);
        }

        public async Task DisposeAsync()
        {
            if (Sqlite is not null)
            {
                await Sqlite.DisposeAsync();
            }

            if (PostgreSql is not null)
            {
                await PostgreSql.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            if (sqliteFile is not null)
            {
                File.Delete(sqliteFile);
            }
        }
    }

    public sealed class Portfolio(ServiceProvider services) : IAsyncDisposable
    {
        public (long Indexes, long ForeignKeys) InteractionIndexAndForeignKeyCounts { get; private set; }

        public static async Task<Portfolio> SeedAsync(DatabaseProvider provider, string connectionString)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider.ToString(),
                ["ConnectionStrings:Default"] = connectionString,
            }).Build();
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 5, 14, 5, 30, 0, TimeSpan.Zero)));
            services.AddSingleton<ICurrentUser>(SystemUser.Instance);
            services.AddCore(configuration, Path.GetTempPath());
            var portfolio = new Portfolio(services.BuildServiceProvider());
            await portfolio.InScopeAsync(async (db, scope) =>
            {
                await db.MigrateDatabaseAsync(CancellationToken.None);
                var interactions = db.Model.FindEntityType(typeof(Interaction))!;
                // The primary key plus the model's indexes.
                portfolio.InteractionIndexAndForeignKeyCounts = (interactions.GetIndexes().Count() + 1, interactions.GetForeignKeys().Count());
                var seeded = await scope.GetRequiredService<PortfolioSeeder>().SeedAsync(Options, null, CancellationToken.None);
                return seeded ?? throw new InvalidOperationException("The new database already held accounts.");
            });
            return portfolio;
        }

        public Task<T> ReadAsync<T>(Func<AppDbContext, Task<T>> read) => InScopeAsync((db, _) => read(db));

        /// <summary>All rows of <paramref name="query"/>, untracked, in a stable order.</summary>
        public Task<List<T>> ReadAsync<T>(Func<AppDbContext, IQueryable<T>> query) where T : class =>
            InScopeAsync(async (db, _) => (await query(db).AsNoTracking().ToListAsync()).OrderBy(r => r.ToString(), StringComparer.Ordinal).ToList());

        /// <summary>Row count per table of the model.</summary>
        public Task<Dictionary<string, long>> CountRowsAsync() => InScopeAsync(async (db, _) =>
        {
            await db.Database.OpenConnectionAsync();
            var sql = db.GetService<ISqlGenerationHelper>();
            var counts = new Dictionary<string, long>();
            foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct())
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM {sql.DelimitIdentifier(table)}";
                counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }

            return counts;
        });

        public async ValueTask DisposeAsync() => await services.DisposeAsync();

        private async Task<T> InScopeAsync<T>(Func<AppDbContext, IServiceProvider, Task<T>> work)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Scope = AccessScope.Everything;
            return await work(db, scope.ServiceProvider);
        }
    }
}

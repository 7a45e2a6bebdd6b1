using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Data.Interceptors;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Seeding;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MedTechAccounts.UnitTests.Features.Seeding;

/// <summary>An in-memory SQLite database with the production context, audit interceptor and a fixed clock.</summary>
internal sealed class SeedDatabase : IAsyncDisposable
{
    public static readonly DateOnly Today = new(2026, 5, 14);

    private readonly SqliteConnection connection;

    private SeedDatabase(SqliteConnection connection)
    {
        this.connection = connection;
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(connection)
            .AddInterceptors(new AuditInterceptor(SystemUser.Instance, Clock))
            .Options;
        Db = new AppDbContext(options) { Scope = AccessScope.Everything };
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 5, 14, 5, 30, 0, TimeSpan.Zero));

    public AppDbContext Db { get; }

    public static async Task<SeedDatabase> CreateAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var database = new SeedDatabase(connection);
        await database.Db.Database.EnsureCreatedAsync();
        return database;
    }

    public PortfolioSeeder Seeder() => new(Db, Clock, NullLogger<PortfolioSeeder>.Instance);

    public Task<SeedResult?> SeedAsync(SeedOptions options) => Seeder().SeedAsync(options, null, CancellationToken.None);

    /// <summary>Runs <paramref name="action"/> with Identity's managers over this database (cheap password hashing).</summary>
    public async Task WithIdentityAsync(Func<UserManager<ApplicationUser>, RoleManager<ApplicationRole>, Task> action)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Db);
        services.AddIdentityCore<ApplicationUser>().AddRoles<ApplicationRole>().AddEntityFrameworkStores<AppDbContext>();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await action(
            scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            scope.ServiceProvider.GetRequiredService<RoleManager<ApplicationRole>>());
    }

    /// <summary>SHA-256 over every row of every table, rows in column order.</summary>
    public async Task<string> DigestAsync()
    {
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            int columns;
            await using (var reader = await command.ExecuteReaderAsync())
            {
                columns = reader.FieldCount;
            }

            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY " + string.Join(", ", Enumerable.Range(1, columns));
            await using var ordered = await command.ExecuteReaderAsync();
            text.Append(table).Append('\n');
            while (await ordered.ReadAsync())
            {
                for (var i = 0; i < ordered.FieldCount; i++)
                {
                    text.Append(Convert.ToString(ordered.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
                }

                text.Append('\n');
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        await connection.DisposeAsync();
    }
}

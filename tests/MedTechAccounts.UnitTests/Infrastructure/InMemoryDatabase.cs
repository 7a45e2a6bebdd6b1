using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Data.Interceptors;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace MedTechAccounts.UnitTests.Infrastructure;

/// <summary>
/// The production AppDbContext (with its audit interceptor and a fixed clock) on SQLite in memory,
/// created with EnsureCreated: a test-only shortcut; the app itself always migrates.
/// </summary>
public sealed class InMemoryDatabase : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public InMemoryDatabase(ICurrentUser? user = null)
    {
        _connection.Open();
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(_connection)
            .AddInterceptors(new AuditInterceptor(user ?? SystemUser.Instance, Clock))
            .Options;
        Db = new AppDbContext(options) { Scope = AccessScope.Everything };
        Db.Database.EnsureCreated();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 14, 0, 0, TimeSpan.Zero));

    public AppDbContext Db { get; }

    public async Task<Territory> AddTerritoryAsync(string name, string region)
    {
        var territory = new Territory { Name = name, Region = region };
        Db.Territories.Add(territory);
        await Db.SaveChangesAsync();
        return territory;
    }

    public void Dispose()
    {
        Db.Dispose();
        _connection.Dispose();
    }
}

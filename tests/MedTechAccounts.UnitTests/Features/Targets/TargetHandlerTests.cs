using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Targets;
using MedTechAccounts.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.UnitTests.Features.Targets;

/// <summary>SetQuarterlyTarget on a real (in-memory SQLite) context; the test saves, as the transaction behavior would.</summary>
public sealed class TargetHandlerTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();

    [Fact]
    public async Task Setting_the_same_quarter_scope_and_key_twice_updates_one_target_stored_with_the_regions_own_spelling()
    {
        await _database.AddTerritoryAsync("Chicago North", "Midwest");
        var handler = new SetQuarterlyTarget.Handler(_database.Db);
        var command = new SetQuarterlyTarget.Command { FiscalYear = 2026, FiscalQuarter = 2, Scope = TargetScope.Region, ScopeKey = " midwest ", RevenueTarget = 100m };

        var first = await handler.Handle(command, CancellationToken.None);
        await _database.Db.SaveChangesAsync();
        var second = await handler.Handle(command with { ScopeKey = "MIDWEST", RevenueTarget = 200m }, CancellationToken.None);
        await _database.Db.SaveChangesAsync();

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Id, second.Id);
        var stored = await _database.Db.QuarterlyTargets.AsNoTracking().SingleAsync();
        Assert.Equal(("Midwest", 200m), (stored.ScopeKey, stored.RevenueTarget));
    }

    public void Dispose() => _database.Dispose();
}

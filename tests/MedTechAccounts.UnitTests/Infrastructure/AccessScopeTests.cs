using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.UnitTests.Infrastructure;

public sealed class AccessScopeTests
{
    private sealed record User(Guid? UserId, params string[] Roles) : ICurrentUser
    {
        public string Name => "u";
        public bool IsInRole(string role) => Roles.Contains(role);
        public bool IsSystem => false;
    }

    [Fact]
    public async Task An_unresolved_scope_sees_nothing()
    {
        using var database = new InMemoryDatabase();
        var territory = await database.AddTerritoryAsync("North", "East");
        database.Db.Accounts.Add(new Account { ExternalId = "A", Name = "A", TerritoryId = territory.Id });
        await database.Db.SaveChangesAsync();

        database.Db.Scope = AccessScope.Nothing;

        Assert.Empty(await database.Db.Accounts.ToListAsync());
    }

    [Fact]
    public async Task Reps_get_their_territories_managers_their_region_and_executives_everything()
    {
        using var database = new InMemoryDatabase();
        var north = await database.AddTerritoryAsync("North", "East");
        var south = await database.AddTerritoryAsync("South", "East");
        var west = await database.AddTerritoryAsync("Coast", "West");
        var rep = new ApplicationUser { UserName = "rep", DisplayName = "Rep" };
        var manager = new ApplicationUser { UserName = "mgr", DisplayName = "Manager", Region = "East" };
        database.Db.Users.AddRange(rep, manager);
        database.Db.UserTerritories.Add(new UserTerritory { UserId = rep.Id, TerritoryId = north.Id });
        await database.Db.SaveChangesAsync();

        await database.Db.ApplyScopeAsync(new User(rep.Id, Roles.Rep));
        Assert.Equal([north.Id], database.Db.Scope.TerritoryIds);

        await database.Db.ApplyScopeAsync(new User(manager.Id, Roles.Manager));
        Assert.Equal(new[] { north.Id, south.Id }.Order(), database.Db.Scope.TerritoryIds.Order());
        Assert.False(database.Db.Scope.Allows(west.Id));

        await database.Db.ApplyScopeAsync(new User(Guid.NewGuid(), Roles.Executive));
        Assert.True(database.Db.Scope.Unrestricted);

        await database.Db.ApplyScopeAsync(new User(null));
        Assert.Empty(database.Db.Scope.TerritoryIds);
        Assert.False(database.Db.Scope.Unrestricted);
    }
}

using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Seeding;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.UnitTests.Features.Seeding;

public sealed class DemoUsersTests
{
    [Fact]
    public async Task Ensuring_twice_creates_each_demo_user_once_with_role_region_and_territories()
    {
        await using var database = await SeedDatabase.CreateAsync();

        await database.WithIdentityAsync(async (users, roles) =>
        {
            await DemoUsers.EnsureAsync(users, roles, database.Db, CancellationToken.None);
            await DemoUsers.EnsureAsync(users, roles, database.Db, CancellationToken.None);

            Assert.Equal(Roles.All.Order(), database.Db.Roles.Select(r => r.Name!).ToList().Order());
            Assert.Equal(DemoUsers.All.Count, await database.Db.Users.CountAsync());
            foreach (var demo in DemoUsers.All)
            {
                var user = (await users.FindByEmailAsync(demo.Email))!;
                Assert.True(await users.CheckPasswordAsync(user, DemoUsers.Password));
                Assert.True(await users.IsInRoleAsync(user, demo.Role));
                Assert.Equal(demo.Region, user.Region);
                var territories = await database.Db.UserTerritories.Where(ut => ut.UserId == user.Id).Select(ut => ut.Territory!.Name).ToListAsync();
                Assert.Equal(demo.Territories.Order(), territories.Order());
            }
        });

        Assert.Equal(8, await database.Db.Territories.CountAsync());
        Assert.Single(DemoUsers.All, u => u.Territories.Count == 2);
        Assert.True(DemoUsers.Password.Length >= 12);
    }

    [Fact]
    public async Task Demo_reps_own_the_accounts_seeded_after_them()
    {
        await using var database = await SeedDatabase.CreateAsync();
        await database.WithIdentityAsync((users, roles) => DemoUsers.EnsureAsync(users, roles, database.Db, CancellationToken.None));

        await database.SeedAsync(SeedOptions.Demo(SeedDatabase.Today) with { Accounts = 30 });

        var demoReps = await database.Db.Users.Where(u => u.Email!.StartsWith("rep")).Select(u => u.Id).ToListAsync();
        Assert.Equal(8, demoReps.Count);
        Assert.All(await database.Db.Accounts.ToListAsync(), a => Assert.Contains(a.OwnerRepId!.Value, demoReps));
        Assert.Equal(DemoUsers.All.Count, await database.Db.Users.CountAsync());
    }

    [Fact]
    public async Task Reps_the_seeder_wrote_without_a_password_get_the_demo_password()
    {
        await using var database = await SeedDatabase.CreateAsync();
        await database.SeedAsync(SeedOptions.Demo(SeedDatabase.Today) with { Accounts = 20 });
        var seededRep = await database.Db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == DemoUsers.RepEmail(1).ToUpperInvariant());
        Assert.Null(seededRep.PasswordHash);

        await database.WithIdentityAsync(async (users, roles) =>
        {
            await DemoUsers.EnsureAsync(users, roles, database.Db, CancellationToken.None);
            var rep = (await users.FindByEmailAsync(DemoUsers.RepEmail(1)))!;
            Assert.Equal(seededRep.Id, rep.Id);
            Assert.True(await users.CheckPasswordAsync(rep, DemoUsers.Password));
        });
    }
}

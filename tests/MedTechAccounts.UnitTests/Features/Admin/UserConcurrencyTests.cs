using MedTechAccounts.UnitTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.UnitTests.Features.Admin;

/// <summary>
/// EditUser sets the concurrency stamp's original value from the form before UserManager saves; this
/// pins down that Identity's store keeps that original value in its UPDATE, so a change made between
/// the handler's check and the save is refused too.
/// </summary>
public sealed class UserConcurrencyTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task UserManager_refuses_an_update_whose_original_stamp_is_no_longer_stored()
    {
        var user = await _database.AddUserAsync("someone@test.medtech");
        var seen = user.ConcurrencyStamp;
        await _database.Db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString())); // someone else saved meanwhile
        var users = _database.Users();

        _database.Db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = seen;
        user.DisplayName = "Overwriting";
        var result = await users.UpdateAsync(user);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure));
    }
}

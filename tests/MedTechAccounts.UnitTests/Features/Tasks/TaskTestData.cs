using MedTechAccounts.Core.Domain;
using MedTechAccounts.UnitTests.Infrastructure;

namespace MedTechAccounts.UnitTests.Features.Tasks;

internal static class TaskTestData
{
    public static async Task<Account> AccountAsync(this InMemoryDatabase database)
    {
        var territory = await database.AddTerritoryAsync($"T-{Guid.NewGuid():N}"[..10], "Midwest");
        var account = new Account { ExternalId = $"ACC-{Guid.NewGuid():N}"[..16], Name = "Mercy General", TerritoryId = territory.Id };
        database.Db.Accounts.Add(account);
        await database.Db.SaveChangesAsync();
        return account;
    }

    public static EngagementTask Task(Guid accountId, Playbook playbook, EngagementTaskStatus status, string atRaise = """{"PostSaleSilence":40}""", string? after = null) => new()
    {
        AccountId = accountId, Playbook = playbook, Status = status, Reason = "A reason.", SignalsAtRaise = atRaise, SignalsAfter = after,
        ClosedAt = status == EngagementTaskStatus.Open ? null : new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc),
    };
}

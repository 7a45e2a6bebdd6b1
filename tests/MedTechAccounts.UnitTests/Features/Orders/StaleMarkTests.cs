using MedTechAccounts.Core.Domain;
using MedTechAccounts.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.UnitTests.Features.Orders;

/// <summary>The audit interceptor marks an account stale when its orders, order lines, contracts or survey responses change.</summary>
public sealed class StaleMarkTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();

    private async Task<(Account Account, Order Order, ServiceContract Contract, SurveyResponse Survey)> SeedAsync()
    {
        var territory = await _database.AddTerritoryAsync("North", "Midwest");
        var account = new Account { ExternalId = "ACC-1", Name = "Mercy General", TerritoryId = territory.Id };
        var product = new Product { Sku = "SET-1", Name = "Infusion set", Family = "Infusion", Category = ProductCategory.Consumable };
        var order = new Order { ExternalId = "ORD-1", Account = account, OrderDate = new DateOnly(2026, 1, 5), Type = OrderType.Consumable };
        order.Lines.Add(new OrderLine { LineNo = 1, Product = product, Quantity = 10, ListAmount = 100m, NetAmount = 90m });
        var contract = new ServiceContract { ExternalId = "SC-1", Account = account, Start = new DateOnly(2026, 1, 1), End = new DateOnly(2026, 12, 31) };
        var survey = new SurveyResponse { Account = account, Date = new DateOnly(2026, 2, 1), Nps = 8 };
        _database.Db.AddRange(account, product, order, contract, survey);
        await _database.Db.SaveChangesAsync();
        return (account, order, contract, survey);
    }

    private async Task ClearMarksAsync()
    {
        await _database.Db.StaleAccounts.ExecuteDeleteAsync();
        _database.Db.ChangeTracker.Clear();
    }

    private Task<bool> MarkedAsync(Account account) => _database.Db.StaleAccounts.AnyAsync(s => s.AccountId == account.Id);

    [Fact]
    public async Task New_orders_contracts_and_survey_responses_mark_their_account_stale()
    {
        var (account, _, _, _) = await SeedAsync();

        Assert.True(await MarkedAsync(account));
    }

    [Fact]
    public async Task Changing_only_an_order_line_marks_the_orders_account_stale()
    {
        var (account, order, _, _) = await SeedAsync();
        await ClearMarksAsync();

        var line = await _database.Db.OrderLines.Include(l => l.Order).SingleAsync(l => l.OrderId == order.Id);
        line.NetAmount = 80m;
        await _database.Db.SaveChangesAsync();

        Assert.True(await MarkedAsync(account));
    }

    [Fact]
    public async Task Changing_a_contract_or_a_survey_response_marks_the_account_stale()
    {
        var (account, _, contract, survey) = await SeedAsync();

        await ClearMarksAsync();
        (await _database.Db.ServiceContracts.SingleAsync(c => c.Id == contract.Id)).AnnualValue = 5000m;
        await _database.Db.SaveChangesAsync();
        Assert.True(await MarkedAsync(account));

        await ClearMarksAsync();
        (await _database.Db.SurveyResponses.SingleAsync(s => s.Id == survey.Id)).Nps = 3;
        await _database.Db.SaveChangesAsync();
        Assert.True(await MarkedAsync(account));
    }

    public void Dispose() => _database.Dispose();
}

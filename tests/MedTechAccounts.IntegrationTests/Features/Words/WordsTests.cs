using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MedTechAccounts.IntegrationTests.Features.Words;

/// <summary>
/// The pages speak the user's words: enum codes as words (the API keeps its codes), money with the configured
/// currency, people by their names.
/// </summary>
public abstract class WordsTests(AppFactory app)
{
    private async Task<(ApplicationUser Rep, Account Account)> WorldAsync()
    {
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, [territory.Id]);
        var account = await app.CreateAccountAsync(territory.Id, ownerRepId: rep.Id);
        return (rep, account);
    }

    private Task InteractionAsync(Guid accountId, Guid repId, InteractionType type, InteractionSource source, int daysAgo) => app.WithDbAsync(async db =>
    {
        db.Interactions.Add(new Interaction
        {
            AccountId = accountId, RepId = repId, OccurredAt = DateTime.UtcNow.AddDays(-daysAgo), ExternalId = $"INT-{Guid.NewGuid():N}",
            Type = type, Notes = "Went through the alarm settings.", Source = source,
        });
        await db.SaveChangesAsync();
    });

    private Task<Order> OrderAsync(Guid accountId, decimal list, decimal net) => app.WithDbAsync(async (db, _) =>
    {
        var product = new Product
        {
            Sku = $"SKU-{Guid.NewGuid():N}"[..16], Name = "Infusion pump", Family = "Infusion", Category = ProductCategory.Capital, ListPrice = list,
        };
        var order = new Order
        {
            AccountId = accountId, ExternalId = $"ORD-{Guid.NewGuid():N}"[..20], OrderDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)),
            Type = OrderType.ServiceRenewal, Lines = [new OrderLine { LineNo = 1, Product = product, Quantity = 1, ListAmount = list, NetAmount = net }],
        };
        db.AddRange(product, order);
        await db.SaveChangesAsync();
        return order;
    });

    [DbFact]
    public async Task The_account_timeline_shows_interaction_types_and_sources_as_words_while_the_API_keeps_the_codes()
    {
        var (rep, account) = await WorldAsync();
        await InteractionAsync(account.Id, rep.Id, InteractionType.InServiceTraining, InteractionSource.Tablet, 2);
        await InteractionAsync(account.Id, rep.Id, InteractionType.IncidentFollowUp, InteractionSource.Api, 3);
        var client = await app.SignInAsync(rep);

        var page = await client.GetStringAsync($"/accounts/{account.Id}/timeline");

        Assert.Contains("<strong>In-service training</strong>", page);
        Assert.Contains("<strong>Incident follow-up</strong>", page);
        Assert.Contains("via Tablet", page);
        Assert.Contains("via API", page);
        Assert.Contains("Edit the In-service training of", page);
        Assert.DoesNotContain(">InServiceTraining<", page);
        Assert.DoesNotContain("IncidentFollowUp", page);
        Assert.DoesNotContain("via Api<", page);

        var csv = await client.GetStringAsync($"/accounts/{account.Id}/timeline?format=csv");
        Assert.Contains(",In-service training,", csv);
        Assert.DoesNotContain("InServiceTraining", csv);

        var api = await client.GetStringAsync($"/api/interactions?accountId={account.Id}");
        Assert.Contains("\"InServiceTraining\"", api); // the API's codes stay as they were
        Assert.DoesNotContain("In-service training", api);
    }

    [DbFact]
    public async Task The_log_visit_form_offers_the_types_as_words_with_the_codes_as_values()
    {
        var (rep, account) = await WorldAsync();
        var client = await app.SignInAsync(rep);

        var page = await client.GetStringAsync($"/accounts/{account.Id}/visits/new");

        Assert.Contains("value=\"InServiceTraining\"", page);
        Assert.Contains("In-service training", page);
        Assert.DoesNotContain(">InServiceTraining<", page);
    }

    [DbFact]
    public async Task Money_shows_with_the_default_currency()
    {
        var (rep, account) = await WorldAsync();
        var order = await OrderAsync(account.Id, 1_234.5m, 1_000m);
        var client = await app.SignInAsync(rep);

        var page = await client.GetStringAsync($"/orders/{order.Id}");

        Assert.Contains("USD 1,234.50", page);
        Assert.Contains("USD 234.50", page);
        Assert.Contains("Service renewal", page);
    }

    [DbFact]
    public async Task Money_shows_with_the_configured_currency()
    {
        var (rep, account) = await WorldAsync();
        var order = await OrderAsync(account.Id, 1_234.5m, 1_000m);
        using var euro = app.WithWebHostBuilder(b => b.UseSetting(MoneyFormat.ConfigurationKey, "eur"));
        var client = euro.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.PostLoginAsync(client, rep.Email!, AppFactory.Password)).StatusCode);

        var page = await client.GetStringAsync($"/orders/{order.Id}");
        var list = await client.GetStringAsync($"/orders?accountId={account.Id}");

        Assert.Contains("EUR 1,234.50", page);
        Assert.Contains("EUR 1,000.00", page);
        Assert.DoesNotContain("USD", page);
        Assert.Contains("EUR 1,234.50", list);

        var csv = await client.GetStringAsync($"/orders?AccountId={account.Id}&format=csv");
        Assert.Contains(",List amount (EUR),Net amount (EUR)\r\n", csv); // the header names the currency; the cells stay numbers
        Assert.Contains(",1234.5,1000\r\n", csv);
    }

    [DbFact]
    public async Task The_audit_log_names_the_person_and_keeps_the_login_beside_it()
    {
        var (client, admin) = await app.SignedInAdminAsync();
        var name = $"Words {Guid.NewGuid():N}"[..20];
        var created = await client.PostAsJsonAsync("/api/territories", new { Name = name, Region = "Words Region" }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<IdResponse>(Json.Options))!.Id;

        var page = await client.GetStringAsync($"/admin/audit?Entity=Territory&EntityId={id}&Field=Name");
        var csv = await client.GetStringAsync($"/admin/audit?Entity=Territory&EntityId={id}&Field=Name&format=csv");

        Assert.Contains($"<span title=\"{admin.Email}\">{admin.DisplayName}</span>", page);
        Assert.DoesNotContain($"<td>{admin.Email}</td>", page);
        Assert.StartsWith("At,User,Login,Entity,", csv.TrimStart('\uFEFF'));
        Assert.Contains($",{admin.DisplayName},{admin.Email},Territory,{id},Created,Name,,{name}", csv);
    }

    [DbFact]
    public async Task A_rep_target_names_the_rep_and_its_amount_has_the_currency()
    {
        var (rep, _) = await WorldAsync();
        var year = 9000 + (int)(BitConverter.ToUInt32(rep.Id.ToByteArray()) % 900); // a year no other test writes targets for
        await app.WithDbAsync(async db =>
        {
            db.QuarterlyTargets.Add(new QuarterlyTarget { FiscalYear = year, FiscalQuarter = 2, Scope = TargetScope.Rep, ScopeKey = rep.Email!, RevenueTarget = 250_000m });
            await db.SaveChangesAsync();
        });
        var (client, _) = await app.SignedInAdminAsync();

        var page = await client.GetStringAsync($"/targets?FiscalYear={year}");

        Assert.Contains($"<span title=\"{rep.Email}\">{rep.DisplayName}</span>", page);
        Assert.Contains("USD 250,000", page);
        Assert.Contains("<td>Rep</td>", page);
    }

    private sealed record IdResponse(Guid Id);
}

public sealed class WordsTestsOnSqlite(SqliteAppFactory app) : WordsTests(app), IClassFixture<SqliteAppFactory>;

public sealed class WordsTestsOnPostgreSql(PostgreSqlAppFactory app) : WordsTests(app), IClassFixture<PostgreSqlAppFactory>;

using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Orders;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MedTechAccounts.IntegrationTests.Features.Commercial.CommercialWorld;

namespace MedTechAccounts.IntegrationTests.Features.Commercial;

/// <summary>Orders through the forms and the API: entry with per-line discounts, edits with versions, list totals, roles and scoping.</summary>
public abstract class OrdersTests(AppFactory app)
{
    [DbFact]
    public async Task A_manager_enters_an_order_in_one_form_it_shows_each_lines_discount_is_audited_and_marks_the_account_stale()
    {
        var manager = await app.SignedInAsync(Roles.Manager);
        var pump = await app.ProductAsync(ProductCategory.Capital);
        var sets = await app.ProductAsync();
        var number = Unique("ORD");

        var response = await AppFactory.PostFormAsync(manager.Client, $"/accounts/{manager.Own.Id}/orders/new", $"/accounts/{manager.Own.Id}/orders/new",
            new Dictionary<string, string?>
            {
                ["ExternalId"] = number, ["OrderDate"] = Iso(Today.AddDays(-2)), ["Type"] = "Capital",
                ["Lines[0].ProductId"] = pump.Id.ToString(), ["Lines[0].Quantity"] = "2", ["Lines[0].ListAmount"] = "60000", ["Lines[0].NetAmount"] = "48000",
                ["Lines[1].ProductId"] = "", ["Lines[1].Quantity"] = "", ["Lines[1].ListAmount"] = "", ["Lines[1].NetAmount"] = "",
                ["Lines[2].ProductId"] = sets.Id.ToString(), ["Lines[2].Quantity"] = "100", ["Lines[2].ListAmount"] = "1000", ["Lines[2].NetAmount"] = "1000",
            });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        var page = await manager.Client.GetStringAsync(location);
        Assert.Contains(number, page);
        Assert.Contains("12,000.00 <span class=\"text-body-secondary\">(20.0%)</span>", page);
        Assert.Contains("0.00 <span class=\"text-body-secondary\">(0.0%)</span>", page);
        Assert.Contains("12,000.00 <span class=\"text-body-secondary\">(19.7%)</span>", page); // 12,000 of 61,000
        var (order, audit, stale) = await app.WithDbAsync(async (db, _) =>
        {
            var o = await db.Orders.Include(x => x.Lines).SingleAsync(x => x.ExternalId == number);
            return (o, await db.AuditEntries.Where(e => e.Entity == nameof(Order) && e.EntityId == o.Id.ToString()).ToListAsync(),
                await db.StaleAccounts.AnyAsync(s => s.AccountId == manager.Own.Id));
        });
        Assert.Equal($"/orders/{order.Id}", location);
        Assert.Equal([(1, pump.Id, 2, 60000m, 48000m), (2, sets.Id, 100, 1000m, 1000m)],
            order.Lines.OrderBy(l => l.LineNo).Select(l => (l.LineNo, l.ProductId, l.Quantity, l.ListAmount, l.NetAmount)));
        Assert.Contains(audit, e => e.Field == nameof(Order.ExternalId) && e.NewValue == number && e.UserName == manager.User.Email);
        Assert.True(stale);
    }

    [DbFact]
    public async Task A_bad_line_is_refused_naming_the_line_and_field_and_the_form_keeps_what_was_typed()
    {
        var manager = await app.SignedInAsync(Roles.Manager);
        var product = await app.ProductAsync();

        var api = await manager.Client.PostAsJsonAsync("/api/orders", new
        {
            AccountId = manager.Own.Id, OrderDate = Today, Type = "Consumable",
            Lines = new object[] { new { ProductId = product.Id, Quantity = 0, ListAmount = 10m, NetAmount = 12m } },
        }, Json.Options);
        var form = await AppFactory.PostFormAsync(manager.Client, $"/accounts/{manager.Own.Id}/orders/new", $"/accounts/{manager.Own.Id}/orders/new",
            new Dictionary<string, string?>
            {
                ["OrderDate"] = Iso(Today), ["Type"] = "Consumable",
                ["Lines[0].ProductId"] = product.Id.ToString(), ["Lines[0].Quantity"] = "5", ["Lines[0].ListAmount"] = "100", ["Lines[0].NetAmount"] = "150",
            });

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal(["Lines[0].NetAmount", "Lines[0].Quantity"], (await api.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys.Order());
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("Net amount cannot be above the list amount.", html);
        Assert.Contains("value=\"150.00\"", html);
        Assert.False(await app.WithDbAsync(async (db, _) => await db.Orders.AnyAsync(o => o.AccountId == manager.Own.Id)));
    }

    [DbFact]
    public async Task Editing_an_order_through_the_API_renumbers_its_lines_marks_the_account_stale_and_a_stale_version_answers_409()
    {
        var manager = await app.SignedInAsync(Roles.Manager);
        var a = await app.ProductAsync();
        var b = await app.ProductAsync();
        var created = await manager.Client.PostAsJsonAsync("/api/orders", new
        {
            AccountId = manager.Own.Id, OrderDate = Today.AddDays(-10), Type = "Consumable",
            Lines = new object[]
            {
                new { ProductId = a.Id, Quantity = 1, ListAmount = 100m, NetAmount = 90m },
                new { ProductId = b.Id, Quantity = 2, ListAmount = 200m, NetAmount = 150m },
            },
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = created.Headers.Location!.AbsolutePath;
        var original = await manager.Client.GetFromJsonAsync<OrderDetails.Result>(url, Json.Options);
        await app.ClearStaleAsync(manager.Own.Id);

        object Edit(decimal net) => new
        {
            original!.AccountId, OrderDate = original.OrderDate, Type = "ServiceRenewal", original.Version,
            Lines = new object[] { new { ProductId = b.Id, Quantity = 3, ListAmount = 300m, NetAmount = net } },
        };
        var first = await manager.Client.PutAsJsonAsync(url, Edit(240m), Json.Options);
        var second = await manager.Client.PutAsJsonAsync(url, Edit(100m), Json.Options);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var stored = await manager.Client.GetFromJsonAsync<OrderDetails.Result>(url, Json.Options);
        Assert.Equal(OrderType.ServiceRenewal, stored!.Type);
        Assert.Equal([(1, b.Id, 3, 300m, 240m, 20.0m)], stored.Lines.Select(l => (l.LineNo, l.ProductId, l.Quantity, l.ListAmount, l.NetAmount, l.DiscountPercent)));
        Assert.NotEqual(original!.Version, stored.Version);
        var (lineRows, stale) = await app.WithDbAsync(async (db, _) => (
            await db.OrderLines.CountAsync(l => l.OrderId == stored.Id), await db.StaleAccounts.AnyAsync(s => s.AccountId == manager.Own.Id)));
        Assert.Equal(1, lineRows);
        Assert.True(stale);
    }

    [DbFact]
    public async Task The_order_list_filters_by_account_type_and_dates_pages_and_totals_every_match()
    {
        var manager = await app.SignedInAsync(Roles.Manager);
        var product = await app.ProductAsync();
        var old = await app.OrderAsync(manager.Own.Id, product.Id, Today.AddDays(-40), list: 1000m, net: 700m);
        var mid = await app.OrderAsync(manager.Own.Id, product.Id, Today.AddDays(-20), list: 1000m, net: 900m);
        var recent = await app.OrderAsync(manager.Own.Id, product.Id, Today.AddDays(-5), list: 2000m, net: 1600m);
        await app.OrderAsync(manager.Own.Id, product.Id, Today.AddDays(-6), OrderType.Capital);

        var page = await manager.Client.GetFromJsonAsync<OrderList.Result>(
            $"/api/orders?accountId={manager.Own.Id}&type=Consumable&from={Iso(Today.AddDays(-30))}&to={Iso(Today)}&pageSize=1", Json.Options);
        var all = await manager.Client.GetFromJsonAsync<OrderList.Result>($"/api/orders?accountId={manager.Own.Id}&type=Consumable", Json.Options);
        var html = await manager.Client.GetStringAsync($"/orders?AccountId={manager.Own.Id}&Type=Consumable");
        var backwards = await manager.Client.GetAsync($"/api/orders?from={Iso(Today)}&to={Iso(Today.AddDays(-1))}");

        Assert.Equal([recent.Id], page!.Items.Select(o => o.Id));
        Assert.Equal((2, 2, 3000m, 2500m, 16.7m), (page.TotalCount, page.Totals.OrderCount, page.Totals.ListAmount, page.Totals.NetAmount, page.Totals.DiscountPercent));
        Assert.Equal([recent.Id, mid.Id, old.Id], all!.Items.Select(o => o.Id));
        Assert.Equal(20.0m, all.Items[0].DiscountPercent);
        Assert.Contains(old.ExternalId, html);
        Assert.Contains("800.00 (20.0%)", html);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
    }

    [DbFact]
    public async Task A_rep_reads_the_orders_of_their_accounts_but_cannot_enter_or_change_one()
    {
        var rep = await app.SignedInAsync(Roles.Rep);
        var product = await app.ProductAsync();
        var order = await app.OrderAsync(rep.Own.Id, product.Id, Today.AddDays(-3));

        var details = await rep.Client.GetAsync($"/orders/{order.Id}");
        var account = await rep.Client.GetStringAsync($"/accounts/{rep.Own.Id}");
        var form = await rep.Client.GetAsync($"/accounts/{rep.Own.Id}/orders/new");
        var create = await rep.Client.PostAsJsonAsync("/api/orders", new
        {
            AccountId = rep.Own.Id, OrderDate = Today, Type = "Consumable",
            Lines = new object[] { new { ProductId = product.Id, Quantity = 1, ListAmount = 1m, NetAmount = 1m } },
        }, Json.Options);
        var update = await rep.Client.PutAsJsonAsync($"/api/orders/{order.Id}", new { order.AccountId, order.OrderDate, order.Version, Lines = Array.Empty<object>() }, Json.Options);

        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.DoesNotContain($"/orders/{order.Id}/edit", await details.Content.ReadAsStringAsync());
        Assert.Contains(order.ExternalId, account);
        Assert.DoesNotContain("/orders/new", account);
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.StartsWith("https://localhost/account/denied", form.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
    }

    [DbFact]
    public async Task A_foreign_account_or_order_answers_404_on_every_order_route()
    {
        var manager = await app.SignedInAsync(Roles.Manager);
        var rep = await app.SignedInAsync(Roles.Rep);
        var product = await app.ProductAsync();
        var order = await app.OrderAsync(manager.Foreign.Id, product.Id, Today.AddDays(-3));
        var repsForeign = await app.OrderAsync(rep.Foreign.Id, product.Id, Today.AddDays(-3));

        foreach (var url in new[] { $"/orders/{order.Id}", $"/orders/{order.Id}/edit", $"/accounts/{manager.Foreign.Id}/orders/new", $"/api/orders/{order.Id}" })
        {
            var response = await manager.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} answered {(int)response.StatusCode}");
        }

        foreach (var url in new[] { $"/orders/{repsForeign.Id}", $"/api/orders/{repsForeign.Id}" })
        {
            var response = await rep.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"rep GET {url} answered {(int)response.StatusCode}");
        }

        var fields = new Dictionary<string, string?>
        {
            ["Id"] = order.Id.ToString(), ["AccountId"] = manager.Own.Id.ToString(), ["Version"] = order.Version.ToString(), ["OrderDate"] = Iso(Today),
            ["Type"] = "Capital", ["Lines[0].ProductId"] = product.Id.ToString(), ["Lines[0].Quantity"] = "1", ["Lines[0].ListAmount"] = "1", ["Lines[0].NetAmount"] = "0",
        };
        foreach (var url in new[] { $"/orders/{order.Id}/edit", $"/accounts/{manager.Foreign.Id}/orders/new" })
        {
            var response = await AppFactory.PostWithSessionTokenAsync(manager.Client, "/", url, fields);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {url} answered {(int)response.StatusCode}");
        }

        var lines = new object[] { new { ProductId = product.Id, Quantity = 1, ListAmount = 1m, NetAmount = 0m } };
        var create = await manager.Client.PostAsJsonAsync("/api/orders", new { AccountId = manager.Foreign.Id, OrderDate = Today, Type = "Capital", Lines = lines }, Json.Options);
        var put = await manager.Client.PutAsJsonAsync($"/api/orders/{order.Id}", new { AccountId = manager.Foreign.Id, OrderDate = Today, Type = "Capital", order.Version, Lines = lines }, Json.Options);
        var list = await manager.Client.GetFromJsonAsync<OrderList.Result>($"/api/orders?accountId={manager.Foreign.Id}", Json.Options);
        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Empty(list!.Items);
        Assert.Equal(0m, list.Totals.ListAmount);

        var stored = await app.WithDbAsync(async (db, _) => await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == order.Id));
        Assert.Equal((order.Version, OrderType.Consumable, 1000m), (stored.Version, stored.Type, stored.Lines.Single().ListAmount));
        Assert.False(await app.WithDbAsync(async (db, _) => await db.Orders.AnyAsync(o => o.AccountId == manager.Foreign.Id && o.Id != order.Id)));
    }

    [DbFact]
    public async Task The_API_reference_documents_the_order_contract_survey_and_target_routes()
    {
        var client = app.CreateBrowser();

        var document = await client.GetStringAsync("/api/openapi/v1.json");

        foreach (var path in new[]
                 {
                     "\"/api/orders\"", "\"/api/orders/{id}\"", "\"/api/contracts\"", "\"/api/contracts/{id}\"", "\"/api/contracts/{id}/renew\"",
                     "\"/api/surveys\"", "\"/api/surveys/{id}\"", "\"/api/targets\"", "\"/api/targets/{id}\"",
                 })
        {
            Assert.Contains(path, document);
        }

        var reference = await client.GetStringAsync("/api/reference");
        Assert.Contains("/api/contracts/{id}/renew", reference);
        Assert.Contains("/api/targets/{id}", reference);
    }
}

public sealed class OrdersTestsOnSqlite(SqliteAppFactory app) : OrdersTests(app), IClassFixture<SqliteAppFactory>;

public sealed class OrdersTestsOnPostgreSql(PostgreSqlAppFactory app) : OrdersTests(app), IClassFixture<PostgreSqlAppFactory>;

using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Catalog;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Catalog;

/// <summary>The product catalog through the admin forms and the API: filters, validation, concurrency, audit and who may write.</summary>
public abstract class ProductCatalogTests(AppFactory app)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)].ToUpperInvariant();

    private static object NewProduct(string sku, string family, string category = "Capital", decimal price = 42000m, int life = 120) =>
        new { Sku = sku, Name = "Ventilator " + sku, Family = family, Category = category, ListPrice = price, ServiceLifeMonths = life };

    [DbFact]
    public async Task Creating_a_product_through_the_form_lists_it_and_audits_every_field_as_the_admin()
    {
        var (client, admin) = await app.SignedInAdminAsync();
        var sku = Unique("VNT");
        var family = Unique("Ventilation");

        var response = await AppFactory.PostFormAsync(client, "/admin/products/new", "/admin/products/new", new Dictionary<string, string?>
        {
            ["Sku"] = sku, ["Name"] = "Servo Air ICU ventilator", ["Family"] = family, ["Category"] = "Capital",
            ["ListPrice"] = "38500.50", ["ServiceLifeMonths"] = "120",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/products", response.Headers.Location!.OriginalString);
        var list = await client.GetAsync($"/admin/products?Family={Uri.EscapeDataString(family)}");
        var html = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains($"Product {sku} created.", html);
        Assert.Contains("Servo Air ICU ventilator", html);
        Assert.Contains("38,500.50", html);
        Assert.Contains("120 months", html);

        var product = await app.WithDbAsync(async (db, _) => await db.Products.SingleAsync(p => p.Sku == sku));
        Assert.Equal(38500.50m, product.ListPrice);
        var audit = await app.WithDbAsync(async (db, _) => await db.AuditEntries
            .Where(e => e.Entity == nameof(Product) && e.EntityId == product.Id.ToString()).ToListAsync());
        Assert.Contains(audit, e => e.Field == nameof(Product.Sku) && e.NewValue == sku && e.Action == AuditAction.Insert);
        Assert.Contains(audit, e => e.Field == nameof(Product.ServiceLifeMonths) && e.NewValue == "120");
        Assert.All(audit, e => Assert.Equal(admin.Email, e.UserName));
    }

    [DbFact]
    public async Task The_list_filters_by_search_family_and_category_in_the_UI_and_the_API()
    {
        var (client, _) = await app.SignedInAdminAsync();
        var family = Unique("Infusion");
        var pump = Unique("PMP");
        var set = Unique("SET");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/products", NewProduct(pump, family), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/products", NewProduct(set, family, "Consumable", 12.5m, 0), Json.Options)).StatusCode);

        var capital = await client.GetFromJsonAsync<ApiPage<ProductList.Row>>($"/api/products?family={Uri.EscapeDataString(family)}&category=Capital", Json.Options);
        var searched = await client.GetFromJsonAsync<ApiPage<ProductList.Row>>($"/api/products?search={set.ToLowerInvariant()}", Json.Options);
        var page = await client.GetStringAsync($"/admin/products?Family={Uri.EscapeDataString(family)}&Category=Consumable");

        Assert.Equal([pump], capital!.Items.Select(p => p.Sku));
        Assert.Equal([set], searched!.Items.Select(p => p.Sku));
        Assert.Contains(set, page);
        Assert.DoesNotContain(pump, page);
        Assert.Contains($"<option value=\"{family}\" selected=\"selected\">", page);
    }

    [DbFact]
    public async Task The_API_updates_a_product_and_answers_409_to_the_second_of_two_conflicting_saves()
    {
        var (client, _) = await app.SignedInAdminAsync();
        var sku = Unique("MON");
        var created = await client.PostAsJsonAsync("/api/products", NewProduct(sku, "Monitoring"), Json.Options);
        var location = created.Headers.Location!;
        var original = await client.GetFromJsonAsync<EditProduct.Command>(location, Json.Options);

        object Edit(decimal price) => new { original!.Sku, original.Name, original.Family, original.Category, ListPrice = price, original.ServiceLifeMonths, original.Version };
        var first = await client.PutAsJsonAsync(location, Edit(40000m), Json.Options);
        var second = await client.PutAsJsonAsync(location, Edit(1m), Json.Options);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("Someone else changed this record", (await second.Content.ReadFromJsonAsync<Problem>(Json.Options))!.Detail);
        var stored = await client.GetFromJsonAsync<EditProduct.Command>(location, Json.Options);
        Assert.Equal(40000m, stored!.ListPrice);
        var update = await app.WithDbAsync(async (db, _) => await db.AuditEntries
            .SingleAsync(e => e.EntityId == original!.Id.ToString() && e.Action == AuditAction.Update && e.Field == nameof(Product.ListPrice)));
        Assert.Equal((42000m, 40000m), (decimal.Parse(update.OldValue!, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(update.NewValue!, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [DbFact]
    public async Task Bad_product_input_answers_problem_details_naming_each_field_and_a_form_shows_the_messages()
    {
        var (client, _) = await app.SignedInAdminAsync();
        var existing = Unique("DUP");
        await client.PostAsJsonAsync("/api/products", NewProduct(existing, "Imaging"), Json.Options);

        var response = await client.PostAsJsonAsync("/api/products", new
        {
            Sku = existing, Name = "", Family = "Imaging", Category = "Capital", ListPrice = 10.005m, ServiceLifeMonths = 0,
        }, Json.Options);
        var form = await AppFactory.PostFormAsync(client, "/admin/products/new", "/admin/products/new", new Dictionary<string, string?>
        {
            ["Sku"] = Unique("NEG"), ["Name"] = "Negative", ["Family"] = "Imaging", ["Category"] = "Consumable",
            ["ListPrice"] = "-1", ["ServiceLifeMonths"] = "601",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
        Assert.Equal(["ListPrice", "Name", "ServiceLifeMonths", "Sku"], problem!.Errors.Keys.Order().ToArray());
        Assert.Contains("SKU is already used by another product.", problem.Errors["Sku"]);
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("List price must be zero or more.", html);
        Assert.Contains("Service life must be between 0 and 600 months.", html);
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.Products.CountAsync(p => p.Sku == existing)));
    }

    [DbFact]
    public async Task Every_signed_in_role_reads_the_catalog_but_only_an_admin_changes_it()
    {
        var (adminClient, _) = await app.SignedInAdminAsync();
        var created = await adminClient.PostAsJsonAsync("/api/products", NewProduct(Unique("RD"), "Surgical"), Json.Options);
        var id = (await created.Content.ReadFromJsonAsync<IdBody>(Json.Options))!.Id;
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, [territory.Id]);
        var client = await app.SignInAsync(rep);
        await AdminClient.AddApiTokenAsync(client);
        var sku = Unique("REP");

        var list = await client.GetAsync("/api/products");
        var one = await client.GetAsync($"/api/products/{id}");
        var post = await client.PostAsJsonAsync("/api/products", NewProduct(sku, "Surgical"), Json.Options);
        var page = await client.GetAsync("/admin/products");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.True(post.StatusCode == HttpStatusCode.Forbidden
            || (post.StatusCode == HttpStatusCode.Unauthorized && post.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer")),
            $"POST /api/products as a rep answered {(int)post.StatusCode}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("https://localhost/account/denied", page.Headers.Location!.ToString());
        Assert.False(await app.WithDbAsync(async (db, _) => await db.Products.AnyAsync(p => p.Sku == sku)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/products/{Guid.NewGuid()}")).StatusCode);
    }

    private sealed record IdBody(Guid Id);
}

public sealed class ProductCatalogTestsOnSqlite(SqliteAppFactory app) : ProductCatalogTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ProductCatalogTestsOnPostgreSql(PostgreSqlAppFactory app) : ProductCatalogTests(app), IClassFixture<PostgreSqlAppFactory>;

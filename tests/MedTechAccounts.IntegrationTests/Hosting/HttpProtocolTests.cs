using System.Net;
using System.Net.Http.Json;
using System.Text;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;

namespace MedTechAccounts.IntegrationTests.Hosting;

/// <summary>HTTP itself: HEAD and OPTIONS, the error route's status codes, and 400 bodies that name fields, not .NET types.</summary>
public abstract class HttpProtocolTests(AppFactory app)
{
    [DbFact]
    public async Task HEAD_answers_like_GET_without_a_body_and_an_anonymous_HEAD_on_the_API_is_401()
    {
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, [territory.Id]);
        var account = await app.CreateAccountAsync(territory.Id);
        var signedIn = await app.SignInAsync(rep);
        var anonymous = app.CreateBrowser();

        foreach (var (client, url, expected) in new[]
        {
            (anonymous, "/api/accounts", HttpStatusCode.Unauthorized),
            (anonymous, $"/api/accounts/{account.Id}", HttpStatusCode.Unauthorized),
            (anonymous, "/account/login", HttpStatusCode.OK),
            (anonymous, "/health/live", HttpStatusCode.OK),
            (signedIn, "/accounts", HttpStatusCode.OK),
            (signedIn, $"/accounts/{account.Id}", HttpStatusCode.OK),
            (signedIn, $"/api/accounts/{account.Id}", HttpStatusCode.OK),
            (signedIn, $"/api/accounts/{Guid.NewGuid()}", HttpStatusCode.NotFound),
        })
        {
            var get = await client.GetAsync(url);
            var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

            Assert.True(head.StatusCode == expected, $"HEAD {url} answered {(int)head.StatusCode}");
            Assert.Equal(get.StatusCode, head.StatusCode);
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
            Assert.Equal("nosniff", string.Join("", head.Headers.GetValues("X-Content-Type-Options")));
        }
    }

    [DbFact]
    public async Task OPTIONS_is_refused_with_405_and_the_allowed_methods_on_every_kind_of_route()
    {
        var territory = await app.CreateTerritoryAsync();
        var rep = await app.CreateUserAsync(Roles.Rep, [territory.Id]);
        var signedIn = await app.SignInAsync(rep);

        foreach (var (client, url) in new[]
        {
            (app.CreateBrowser(), "/api/accounts"), (app.CreateBrowser(), "/account/login"), (signedIn, "/accounts"), (signedIn, "/api/accounts"),
        })
        {
            var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, url));

            Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"OPTIONS {url} answered {(int)response.StatusCode}");
            Assert.Contains("GET", response.Content.Headers.Allow);
        }
    }

    [DbFact]
    public async Task The_error_route_answers_only_client_and_server_error_codes_and_404_for_any_other_number()
    {
        var client = app.CreateBrowser();

        foreach (var status in new[] { 0, 1, 99, 100, 200, 204, 304, 399, 600, 1000, 99999 })
        {
            var response = await client.GetAsync($"/error/{status}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"/error/{status} answered {(int)response.StatusCode}");
        }

        foreach (var status in new[] { 400, 404, 429, 500, 503, 599 })
        {
            Assert.Equal(status, (int)(await client.GetAsync($"/error/{status}")).StatusCode);
        }
    }

    [DbFact]
    public async Task A_body_the_API_cannot_read_answers_400_naming_the_field_and_no_dotnet_type()
    {
        var (client, _) = await app.SignedInAdminAsync();
        var territory = await app.CreateTerritoryAsync();

        var wrongTypes = await client.PostAsync("/api/accounts", Body("""{"externalId":"X-1","name":"N","territoryId":"not-a-guid","timeZone":"America/Chicago"}"""));
        var badDate = await client.PostAsync("/api/contracts", Body($$"""{"accountId":"{{Guid.NewGuid()}}","start":"yesterday","end":"2026-13-45"}"""));
        var badEnum = await client.PostAsync("/api/accounts", Body($$"""{"externalId":"X-2","name":"N","territoryId":"{{territory.Id}}","segment":"Hospital","timeZone":"America/Chicago"}"""));
        var nested = await client.PostAsync("/api/contracts", Body($$"""{"accountId":"{{Guid.NewGuid()}}","deviceIds":["nope"]}"""));
        var malformed = await client.PostAsync("/api/accounts", Body("""{"externalId": """));
        var empty = await client.PostAsync("/api/accounts", Body(""));

        foreach (var (response, fields) in new[]
        {
            (wrongTypes, new[] { "TerritoryId" }), (badDate, ["Start"]), (badEnum, ["Segment"]), (nested, ["DeviceIds[0]"]),
            (malformed, ["body"]), (empty, ["body"]),
        })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            foreach (var leak in new[] { "System.", "MedTechAccounts", "$.", "JSON value", "LineNumber", "BytePosition", "command field" })
            {
                Assert.DoesNotContain(leak, body, StringComparison.OrdinalIgnoreCase);
            }

            var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
            Assert.Equal(fields.Order(StringComparer.Ordinal), problem!.Errors.Keys.Order(StringComparer.Ordinal));
        }
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");
}

public sealed class HttpProtocolTestsOnSqlite(SqliteAppFactory app) : HttpProtocolTests(app), IClassFixture<SqliteAppFactory>;

public sealed class HttpProtocolTestsOnPostgreSql(PostgreSqlAppFactory app) : HttpProtocolTests(app), IClassFixture<PostgreSqlAppFactory>;

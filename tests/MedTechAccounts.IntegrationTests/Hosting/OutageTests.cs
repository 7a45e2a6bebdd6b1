using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace MedTechAccounts.IntegrationTests.Hosting;

/// <summary>
/// The app in Production while its SQLite database is read-only or gone: ready says so, requests answer 503
/// without internals, and everything works again once the database is back.
/// </summary>
public sealed class OutageTests(OutageTests.ProductionAppFactory app) : IClassFixture<OutageTests.ProductionAppFactory>
{
    private static readonly string[] Internals = ["Exception", "SQLite Error", "readonly", "at Microsoft.", "at MedTechAccounts."];

    [Fact]
    public async Task Ready_answers_503_while_the_database_is_read_only_and_200_again_once_it_is_writable()
    {
        var client = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        HttpResponseMessage readOnly;
        try
        {
            app.Faults.Fault = DatabaseFault.ReadOnly;
            readOnly = await client.GetAsync("/health/ready");
        }
        finally
        {
            app.Faults.Fault = DatabaseFault.None;
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readOnly.StatusCode);
        var body = await readOnly.Content.ReadAsStringAsync();
        var database = JsonDocument.Parse(body).RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "database");
        Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
        Assert.DoesNotContain(Internals, body.Contains);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task An_api_write_to_a_read_only_database_answers_503_problem_details_without_internals()
    {
        var territory = await app.CreateTerritoryAsync();
        var client = await app.SignInAsync(await app.CreateUserAsync(Roles.Rep, [territory.Id]));
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await AppFactory.AntiforgeryTokenAsync(client, "/"));
        HttpResponseMessage Create() => client.PostAsJsonAsync("/api/accounts", new
        {
            ExternalId = $"OUT-{Guid.NewGuid():N}"[..20], Name = "Outage General", TerritoryId = territory.Id, TimeZone = "America/Chicago",
        }).GetAwaiter().GetResult();

        HttpResponseMessage response;
        try
        {
            app.Faults.Fault = DatabaseFault.ReadOnly;
            response = Create();
        }
        finally
        {
            app.Faults.Fault = DatabaseFault.None;
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.DoesNotContain(Internals, body.Contains);

        Assert.Equal(HttpStatusCode.Created, Create().StatusCode);
    }

    [Fact]
    public async Task A_page_while_the_database_is_unreachable_answers_the_503_error_page_and_works_again_after()
    {
        var territory = await app.CreateTerritoryAsync();
        var client = await app.SignInAsync(await app.CreateUserAsync(Roles.Rep, [territory.Id]));

        HttpResponseMessage response;
        try
        {
            app.Faults.Fault = DatabaseFault.Unreachable;
            response = await client.GetAsync("/");
        }
        finally
        {
            app.Faults.Fault = DatabaseFault.None;
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Error 503", html);
        Assert.DoesNotContain(Internals, html.Contains);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    /// <summary>The SQLite app in the Production environment, with throwaway token certificates.</summary>
    public sealed class ProductionAppFactory : AppFactory
    {
        private readonly string _signing = Certificate(X509KeyUsageFlags.DigitalSignature);
        private readonly string _encryption = Certificate(X509KeyUsageFlags.KeyEncipherment);

        public ProductionAppFactory() : base(DatabaseProvider.Sqlite) { }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("SignIn:SigningCertificate:Path", _signing);
            builder.UseSetting("SignIn:EncryptionCertificate:Path", _encryption);
            builder.UseSetting("SignIn:Issuer", "https://localhost/");
        }

        private static string Certificate(X509KeyUsageFlags usage)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=MedTech test tokens", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
            var now = DateTimeOffset.UtcNow;
            using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
            var path = Path.Combine(Path.GetTempPath(), $"medtech-it-{Guid.NewGuid():N}.pfx");
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx));
            return path;
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            File.Delete(_signing);
            File.Delete(_encryption);
        }
    }
}

using System.Net;
using System.Text.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedTechAccounts.IntegrationTests.Features.SignIn;

/// <summary>What the sign-in form and the token endpoint give away: which e-mails exist, which accounts are disabled, when to retry.</summary>
public abstract class SignInDisclosureTests(AppFactory app)
{
    [DbFact]
    public async Task An_unknown_e_mail_costs_a_password_hash_like_a_wrong_password()
    {
        var counter = new PasswordChecks();
        using var counted = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton(counter);
            s.AddScoped<IPasswordHasher<ApplicationUser>, CountingPasswordHasher>();
        }));
        var browser = counted.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var rep = await app.CreateUserAsync(Roles.Rep);

        var before = counter.Verifications;
        var unknown = await AppFactory.PostLoginAsync(browser, $"nobody-{Guid.NewGuid():N}@test.medtech", "not the password at all");
        var afterUnknown = counter.Verifications;
        var wrong = await AppFactory.PostLoginAsync(browser, rep.Email!, "not the password at all");

        Assert.Equal(1, afterUnknown - before);
        Assert.Equal(1, counter.Verifications - afterUnknown);
        Assert.Equal(await MessageAsync(wrong), await MessageAsync(unknown));
    }

    [DbFact]
    public async Task A_disabled_account_answers_like_a_wrong_password_whether_or_not_the_password_is_right()
    {
        var rep = await app.CreateUserAsync(Roles.Rep);
        await app.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == rep.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
        });

        var wrong = await AppFactory.PostLoginAsync(app.CreateBrowser(), rep.Email!, "not the password at all");
        var right = await AppFactory.PostLoginAsync(app.CreateBrowser(), rep.Email!, AppFactory.Password);

        foreach (var response in new[] { wrong, right })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("The e-mail or password is not right", html);
            Assert.DoesNotContain("disabled", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [DbFact]
    public async Task The_token_endpoint_answers_too_many_requests_with_problem_details_and_Retry_After()
    {
        using var limited = app.WithWebHostBuilder(b => b.UseSetting("SignIn:RateLimitPerMinute", "2"));
        var client = limited.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        HttpResponseMessage response = null!;

        for (var i = 0; i < 3; i++)
        {
            response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = "integration", ["client_secret"] = "guess",
            }));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"Content-Type: {response.Content.Headers.ContentType}");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {response.Headers.RetryAfter}");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var match = System.Text.RegularExpressions.Regex.Match(html, "The e-mail or password is not right[^<]*");
        return match.Success ? match.Value : html;
    }

    public sealed class PasswordChecks
    {
        private int _verifications;
        public int Verifications => Volatile.Read(ref _verifications);
        public void Count() => Interlocked.Increment(ref _verifications);
    }

    /// <summary>Identity's hasher, counting how often a password is checked.</summary>
    public sealed class CountingPasswordHasher(IOptions<PasswordHasherOptions> options, PasswordChecks checks) : PasswordHasher<ApplicationUser>(options)
    {
        public override PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            checks.Count();
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

public sealed class SignInDisclosureTestsOnSqlite(SqliteAppFactory app) : SignInDisclosureTests(app), IClassFixture<SqliteAppFactory>;

public sealed class SignInDisclosureTestsOnPostgreSql(PostgreSqlAppFactory app) : SignInDisclosureTests(app), IClassFixture<PostgreSqlAppFactory>;

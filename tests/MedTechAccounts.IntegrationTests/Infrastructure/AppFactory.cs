using System.Net;
using System.Text.RegularExpressions;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedTechAccounts.IntegrationTests.Infrastructure;

/// <summary>
/// The real app (Program) on a fresh database of one provider, in the "Testing" environment:
/// HTTPS, secure cookies and no demo data, as in production.
/// </summary>
public abstract partial class AppFactory(DatabaseProvider provider) : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery staple";
    public const string IntegrationSecret = "integration-test-secret-value";

    private readonly (DatabaseProvider Provider, string ConnectionString) _database = TestDatabases.Create(provider);

    public DatabaseProvider Provider => _database.Provider;

    /// <summary>Database outages and a view of each query's cancellation token, for the health and cancellation tests.</summary>
    public DatabaseFaults Faults => Services.GetRequiredService<DatabaseFaults>();

    /// <summary>Everything the app logged, for the log hygiene and security event tests.</summary>
    public LogCapture Logs { get; } = new(Password, IntegrationSecret);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", _database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Default", _database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("SignIn:Integration:ClientSecret", IntegrationSecret);
        builder.UseSetting("SignIn:Tablet:RedirectUris", "https://localhost/tablet/callback");
        builder.UseSetting("SignIn:RateLimitPerMinute", "10000");
        // The background recompute would consume the stale marks that tests look for; the scoring tests run it themselves.
        builder.UseSetting("Scoring:WorkerEnabled", "false");
        // Tests read what they just wrote; the dashboard cache has tests of its own.
        builder.UseSetting("Dashboards:CacheSeconds", "0");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services =>
        {
            services.AddScoped<ActingUser>();
            services.AddSingleton(new DatabaseFaults(_database.ConnectionString));
            services.ConfigureDbContext<AppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<DatabaseFaults>()));
            services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<ActingUser>().User
                ?? ActivatorUtilities.CreateInstance<HttpCurrentUser>(sp));
        });
    }

    /// <summary>A client on https://localhost that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>Runs <paramref name="work"/> in a fresh scope with an unrestricted context, as the system.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Scope = AccessScope.Everything;
        scope.ServiceProvider.GetRequiredService<ActingUser>().User = SystemUser.Instance;
        return await work(db, scope.ServiceProvider);
    }

    public Task WithDbAsync(Func<AppDbContext, Task> work) => WithDbAsync(async (db, _) =>
    {
        await work(db);
        return 0;
    });

    /// <summary>Sends a use-case message through the real pipeline as <paramref name="user"/>, in a fresh scope.</summary>
    public async Task<T> SendAsAsync<T>(TestUser user, Func<ISender, ValueTask<T>> send)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActingUser>().User = user;
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    /// <summary>Creates a user with roles, territories and (for managers) a region; the password is <see cref="Password"/>.</summary>
    public Task<ApplicationUser> CreateUserAsync(string role, IEnumerable<Guid>? territories = null, string? region = null, bool twoFactor = false) =>
        WithDbAsync(async (db, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
            var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.medtech";
            var user = new ApplicationUser { UserName = email, Email = email, DisplayName = $"{role} {email[..12]}", Region = region };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, role));
            foreach (var territory in territories ?? [])
            {
                db.UserTerritories.Add(new UserTerritory { UserId = user.Id, TerritoryId = territory });
            }

            await db.SaveChangesAsync();
            if (twoFactor)
            {
                await users.ResetAuthenticatorKeyAsync(user);
                await users.SetTwoFactorEnabledAsync(user, true);
            }

            return user;
        });

    public Task<string> AuthenticatorKeyAsync(ApplicationUser user) => WithDbAsync(async (_, sp) =>
        (await sp.GetRequiredService<UserManager<ApplicationUser>>().GetAuthenticatorKeyAsync(user))!);

    public Task<Territory> CreateTerritoryAsync(string? region = null) => WithDbAsync(async (db, _) =>
    {
        var territory = new Territory { Name = $"T-{Guid.NewGuid():N}"[..20], Region = region ?? $"R-{Guid.NewGuid():N}"[..12] };
        db.Territories.Add(territory);
        await db.SaveChangesAsync();
        return territory;
    });

    public Task<Account> CreateAccountAsync(Guid territoryId, string? name = null, Guid? ownerRepId = null) => WithDbAsync(async (db, _) =>
    {
        var account = new Account
        {
            ExternalId = $"ACC-{Guid.NewGuid():N}"[..24],
            Name = name ?? $"Hospital {Guid.NewGuid():N}"[..20],
            TerritoryId = territoryId,
            OwnerRepId = ownerRepId,
            Segment = AccountSegment.Community,
            Status = AccountStatus.Customer,
            BedCount = 250,
            City = "Springfield",
            State = "IL",
        };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    });

    /// <summary>Signs in through the login form and returns the client holding the cookie.</summary>
    public async Task<HttpClient> SignInAsync(ApplicationUser user)
    {
        var client = CreateBrowser();
        var response = await PostLoginAsync(client, user.Email!, Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {user.Email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/account/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>Reads the antiforgery token from a page's form.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var match = TokenField().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"No antiforgery token on {page}.");
    }

    /// <summary>
    /// Posts a form as a browser would: with the antiforgery token rendered inside the form on
    /// <paramref name="formPage"/> that posts to <paramref name="action"/> (see <see cref="FormPostingTo"/>),
    /// so a form that lacks its own token fails here as it would in a browser.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, IDictionary<string, string?> fields)
    {
        var html = await client.GetStringAsync(formPage);
        var token = TokenField().Match(FormPostingTo(html, action));
        if (!token.Success)
        {
            throw new InvalidOperationException($"The form posting to {action} on {formPage} has no antiforgery token.");
        }

        var values = fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!);
        values["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>
    /// The inside of the form that posts to <paramref name="action"/>: by its action, by a submit button's
    /// <c>formaction</c> inside it, or by a button elsewhere that names it with <c>form="id"</c>; empty when none does.
    /// </summary>
    private static string FormPostingTo(string html, string action)
    {
        var target = Regex.Escape(action);
        var byAction = Regex.Match(html, $"<form[^>]*action=\"{target}\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        if (byAction.Success)
        {
            return byAction.Groups[1].Value;
        }

        var byButton = Regex.Matches(html, "<form[^>]*>(.*?)</form>", RegexOptions.Singleline)
            .FirstOrDefault(f => Regex.IsMatch(f.Groups[1].Value, $"formaction=\"{target}\""));
        if (byButton is not null)
        {
            return byButton.Groups[1].Value;
        }

        var button = Regex.Match(html, $"<button[^>]*form=\"([^\"]+)\"[^>]*formaction=\"{target}\"");
        var named = button.Success ? Regex.Match(html, $"<form[^>]*id=\"{Regex.Escape(button.Groups[1].Value)}\"[^>]*>(.*?)</form>", RegexOptions.Singleline) : Match.Empty;
        return named.Success ? named.Groups[1].Value : "";
    }

    /// <summary>
    /// Posts to <paramref name="action"/> with a valid antiforgery token from any form on
    /// <paramref name="tokenPage"/>: for requests no page offers a form for (forbidden routes,
    /// a replayed submit after the form is gone).
    /// </summary>
    public static async Task<HttpResponseMessage> PostWithSessionTokenAsync(HttpClient client, string tokenPage, string action, IDictionary<string, string?> fields)
    {
        var values = fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!);
        values["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, tokenPage);
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    protected override void Dispose(bool disposing)
    {
        // Every test class's log, not only the log hygiene test's: the users' password, the client secret and every
        // bearer token a test used must never reach it, whatever the test did.
        var leaks = disposing ? Logs.Leaks() : [];
        if (disposing && Provider == DatabaseProvider.PostgreSql)
        {
            try
            {
                WithDbAsync(db => db.Database.EnsureDeletedAsync()).GetAwaiter().GetResult();
            }
            catch (ObjectDisposedException)
            {
                // The host never started: nothing was created.
            }
        }

        base.Dispose(disposing);
        if (leaks.Count > 0)
        {
            throw new InvalidOperationException($"A secret reached the log of {GetType().Name}: {string.Join("; ", leaks.Take(5))}");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

public sealed class SqliteAppFactory() : AppFactory(DatabaseProvider.Sqlite);

public sealed class PostgreSqlAppFactory() : AppFactory(DatabaseProvider.PostgreSql);

/// <summary>Lets a test act as a given user when sending messages outside an HTTP request.</summary>
public sealed class ActingUser
{
    public ICurrentUser? User { get; set; }
}

/// <summary>A user for <see cref="AppFactory.SendAsAsync{T}"/>.</summary>
public sealed record TestUser(Guid Id, string Email, params string[] Roles) : ICurrentUser
{
    public static TestUser Of(ApplicationUser user, params string[] roles) => new(user.Id, user.Email!, roles);
    Guid? ICurrentUser.UserId => Id;
    public string Name => Email;
    public bool IsInRole(string role) => Roles.Contains(role);
    public bool IsSystem => false;
}

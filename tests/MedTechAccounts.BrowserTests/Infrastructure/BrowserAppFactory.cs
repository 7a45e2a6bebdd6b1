using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.BrowserTests.Infrastructure;

/// <summary>
/// The real app (Program) on Kestrel, on a loopback port Chromium can reach, with a fresh SQLite
/// file and no demo data.
/// </summary>
/// <remarks>
/// Why HTTPS with a throwaway certificate rather than plain HTTP in Development: the browser
/// should see what production serves. In the "Testing" environment the auth and antiforgery
/// cookies are Secure, HTTPS redirection and HSTS are on and errors show the production page;
/// Development would change all of these (and the exception page) just to make cookies work over
/// HTTP. A self-signed certificate made in memory at start needs no machine set-up (no dev
/// certificate, no trust store); the browser context accepts it with IgnoreHTTPSErrors.
/// </remarks>
public sealed class BrowserAppFactory : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery staple";

    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), $"medtech-browser-{Guid.NewGuid():N}.db");
    private readonly X509Certificate2 _certificate = SelfSignedCertificate();

    private readonly bool _seedDemo;

    /// <param name="seedDemo">Start like a fresh demo: the demo portfolio, its users and its backfilled history are seeded at start.</param>
    public BrowserAppFactory(bool seedDemo = false)
    {
        _seedDemo = seedDemo;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_certificate)));
    }

    /// <summary>The app's origin, e.g. https://127.0.0.1:41234 (no trailing slash).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts Kestrel and reads the port it was given.</summary>
    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        var address = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Kestrel is not listening on HTTPS: {string.Join(", ", addresses)}");
        BaseAddress = new Uri(address);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Sqlite));
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={_databaseFile};Pooling=False");
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Database:SeedDemoData", _seedDemo ? "true" : "false");
        builder.UseSetting("SignIn:Integration:ClientSecret", "browser-test-integration-secret");
        builder.UseSetting("SignIn:Tablet:RedirectUris", "https://127.0.0.1/tablet/callback");
        // The browser uses the loopback address; outside Development only the issuer's host (localhost) is answered otherwise.
        builder.UseSetting("AllowedHosts", "127.0.0.1");
        // Every test signs in through the form; the production limit (10 a minute) would throttle the suite.
        builder.UseSetting("SignIn:RateLimitPerMinute", "10000");
        // The background recompute would consume the stale marks that tests look for; the scoring tests run it themselves.
        builder.UseSetting("Scoring:WorkerEnabled", "false");
        // Tests read what they just wrote; the dashboard cache has tests of its own.
        builder.UseSetting("Dashboards:CacheSeconds", "0");
        builder.ConfigureServices(services =>
        {
            // Seeding runs outside a request: it acts as the system, requests as the signed-in user.
            services.AddScoped<ActingUser>();
            services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<ActingUser>().User
                ?? ActivatorUtilities.CreateInstance<HttpCurrentUser>(sp));
        });
    }

    /// <summary>Runs <paramref name="work"/> in a fresh scope with an unrestricted context, as the system.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActingUser>().User = SystemUser.Instance;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Scope = AccessScope.Everything;
        return await work(db, scope.ServiceProvider);
    }

    public Task<Territory> CreateTerritoryAsync() => WithDbAsync(async (db, _) =>
    {
        var territory = new Territory { Name = $"T-{Unique()}", Region = $"R-{Unique()}" };
        db.Territories.Add(territory);
        await db.SaveChangesAsync();
        return territory;
    });

    public Task<Account> CreateAccountAsync(Guid territoryId, string name) => WithDbAsync(async (db, _) =>
    {
        var account = new Account
        {
            ExternalId = $"ACC-{Unique()}",
            Name = name,
            TerritoryId = territoryId,
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

    /// <summary>A user with one role and the given territories; the password is <see cref="Password"/>.</summary>
    public Task<ApplicationUser> CreateUserAsync(string role, params Guid[] territories) => WithDbAsync(async (db, sp) =>
    {
        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{role.ToLowerInvariant()}-{Unique()}@test.medtech";
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = $"{role} {Unique()}" };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        foreach (var territory in territories)
        {
            db.UserTerritories.Add(new UserTerritory { UserId = user.Id, TerritoryId = territory });
        }

        await db.SaveChangesAsync();
        return user;
    });

    /// <summary>Turns on the authenticator second factor and returns its shared key (base32).</summary>
    public Task<string> EnableAuthenticatorAsync(ApplicationUser user) => WithDbAsync(async (_, sp) =>
    {
        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        var stored = await users.FindByIdAsync(user.Id.ToString()) ?? throw new InvalidOperationException($"No user {user.Email}.");
        Check(await users.ResetAuthenticatorKeyAsync(stored));
        Check(await users.SetTwoFactorEnabledAsync(stored, true));
        return await users.GetAuthenticatorKeyAsync(stored) ?? throw new InvalidOperationException("No authenticator key.");
    });

    /// <summary>A short unique text for names and keys, so tests sharing the app never collide.</summary>
    public static string Unique() => Guid.NewGuid().ToString("N")[..10];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _certificate.Dispose();
            foreach (var file in new[] { _databaseFile, _databaseFile + "-wal", _databaseFile + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        // Round-trip through PKCS#12 so that Kestrel gets a certificate whose private key it can use.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }
}

/// <summary>Lets seeding act as the system outside an HTTP request.</summary>
public sealed class ActingUser
{
    public ICurrentUser? User { get; set; }
}

using System.Security.Cryptography.X509Certificates;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;

namespace MedTechAccounts.Web.Identity;

/// <summary>
/// ASP.NET Core Identity for people, OpenIddict for tokens. Settings follow the security
/// baseline of the design (section 10), which is stricter than the framework defaults.
/// </summary>
public static class SignInRegistration
{
    public const string TabletClientId = "tablet";
    public const string IntegrationClientId = "integration";
    public const string ApiScope = "api";

    /// <summary>Policy name for "cookie or bearer token" on /api.</summary>
    public const string ApiPolicy = "Api";

    /// <summary>Authentication scheme of /api: forwards to the bearer or the cookie scheme.</summary>
    public const string ApiScheme = "ApiBearerOrCookie";

    /// <summary>Rate-limit policy of the sign-in and second-factor forms (<c>SignIn:RateLimitPerMinute</c> per address).</summary>
    public const string SignInRateLimit = "sign-in";

    public static IServiceCollection AddSignIn(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddPasswordHashing();
        services
            .AddIdentity<ApplicationUser, ApplicationRole>(o =>
            {
                IdentityPolicy.Apply(o);
                o.ClaimsIdentity.UserNameClaimType = OpenIddictConstants.Claims.Name;
                o.ClaimsIdentity.UserIdClaimType = OpenIddictConstants.Claims.Subject;
                o.ClaimsIdentity.RoleClaimType = OpenIddictConstants.Claims.Role;
                o.ClaimsIdentity.EmailClaimType = OpenIddictConstants.Claims.Email;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            // Replaces Identity's authenticator provider under the same name: each code is accepted once.
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<CommonPasswordValidator>();

        // Sign-out renews the security stamp; validating it on every request makes a replayed cookie useless.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            o.OnRefreshingPrincipal = SecondFactor.KeepOnRefresh;
        });
        services.AddScoped<UserSessions>();
        services.AddSingleton<SecurityLog>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, LoggedAuthorizationResults>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "medtech.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = SessionLifetime.ValidateAsync;
            // The antiforgery cookie goes with the session: a token read during it is refused in the next one.
            o.Events.OnSigningOut = ctx =>
            {
                ctx.Response.Cookies.Delete(WebRegistration.AntiforgeryCookie, new CookieOptions
                {
                    Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = ctx.Request.IsHttps,
                });
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<AppDbContext>())
            .AddServer(o =>
            {
                // A fixed issuer: the discovery document and the tokens never take the host from the request.
                var issuer = Issuer(configuration, environment);
                o.SetIssuer(issuer);
                o.AddEventHandler<OpenIddictServerEvents.HandleConfigurationRequestContext>(b => b
                    .UseInlineHandler(context => AnnounceEndpointsAt(context, issuer))
                    .SetOrder(OpenIddictServerHandlers.Discovery.AttachEndpoints.Descriptor.Order + 1));
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetRevocationEndpointUris("connect/revoke");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AllowClientCredentialsFlow();
                o.AllowRefreshTokenFlow();
                // PKCE with S256 only: "plain" would let an intercepted code be redeemed.
                o.Configure(s =>
                {
                    s.CodeChallengeMethods.Clear();
                    s.CodeChallengeMethods.Add(OpenIddictConstants.CodeChallengeMethods.Sha256);
                });
                o.RegisterScopes(OpenIddictConstants.Scopes.OpenId, OpenIddictConstants.Scopes.Email, OpenIddictConstants.Scopes.Profile,
                    OpenIddictConstants.Scopes.Roles, OpenIddictConstants.Scopes.OfflineAccess, ApiScope);
                o.SetAccessTokenLifetime(TimeSpan.FromMinutes(30));
                o.SetRefreshTokenLifetime(TimeSpan.FromDays(14));
                // Rolling refresh tokens: each is single-use, and reuse revokes the chain.
                o.SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                AddKeys(o, configuration, environment);
                var aspNetCore = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                if (environment.IsDevelopment() || configuration.GetValue<bool>("SignIn:AllowHttp"))
                {
                    // Development serves plain HTTP on localhost; everywhere else HTTPS is required.
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
                // Revoked tokens are refused: each access token is checked against its stored entry.
                o.EnableTokenEntryValidation();
                o.EnableAuthorizationEntryValidation();
            });

        // /api takes a bearer token when the request carries one and the cookie otherwise; one scheme
        // per request, so a signed-in caller without the role gets 403 rather than a bearer challenge.
        services.AddAuthentication().AddPolicyScheme(ApiScheme, "Bearer token or cookie", o => o.ForwardDefaultSelector = http =>
            http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme
                : IdentityConstants.ApplicationScheme);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p =>
            {
                p.AddAuthenticationSchemes(ApiScheme);
                p.RequireAuthenticatedUser();
            });

        services.AddOptions<IntegrationClientOptions>().Bind(configuration.GetSection("SignIn:Integration"));
        services.AddHostedService<OpenIddictClientSeeder>();
        services.AddHostedService<TokenPruningService>();
        return services;
    }

    private static void AddKeys(OpenIddictServerBuilder o, IConfiguration configuration, IHostEnvironment environment)
    {
        var signing = configuration["SignIn:SigningCertificate:Path"];
        var encryption = configuration["SignIn:EncryptionCertificate:Path"];
        if (!string.IsNullOrEmpty(signing) && !string.IsNullOrEmpty(encryption))
        {
            o.AddSigningCertificate(LoadCertificate(signing, configuration["SignIn:SigningCertificate:Password"], "SignIn:SigningCertificate"));
            o.AddEncryptionCertificate(LoadCertificate(encryption, configuration["SignIn:EncryptionCertificate:Password"], "SignIn:EncryptionCertificate"));
            return;
        }

        if (environment.IsDevelopment() || environment.IsEnvironment("Testing"))
        {
            o.AddDevelopmentEncryptionCertificate().AddDevelopmentSigningCertificate();
            return;
        }

        throw new InvalidOperationException(
            "Token signing and encryption certificates are not configured. Set SignIn:SigningCertificate:Path and " +
            "SignIn:EncryptionCertificate:Path (PKCS#12 files, with :Password when protected). Development certificates are used only in Development.");
    }

    /// <summary>
    /// <c>SignIn:Issuer</c>, the app's public base address. Development defaults to the address it
    /// runs on and tests to https://localhost/; anywhere else it must be set, since taking it from the
    /// Host header would let a client choose where the discovery document sends the tablet.
    /// </summary>
    internal static Uri Issuer(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["SignIn:Issuer"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = environment.IsDevelopment() ? "http://localhost:5080/"
                : environment.IsEnvironment("Testing") ? "https://localhost/"
                : throw new InvalidOperationException(
                    "SignIn:Issuer is not set. Set it to the app's public base address (for example https://accounts.example.com/); " +
                    "the issuer is never taken from the request's Host header.");
        }

        return Uri.TryCreate(configured, UriKind.Absolute, out var issuer) && issuer.Scheme is "https" or "http"
            ? issuer
            : throw new InvalidOperationException($"SignIn:Issuer is '{configured}', which is not an absolute http(s) address.");
    }

    /// <summary>OpenIddict builds the discovery document's endpoint addresses from the request; they are moved to the issuer's scheme and host.</summary>
    private static ValueTask AnnounceEndpointsAt(OpenIddictServerEvents.HandleConfigurationRequestContext context, Uri issuer)
    {
        Uri? Rebase(Uri? endpoint) => endpoint is null ? null
            : new UriBuilder(endpoint) { Scheme = issuer.Scheme, Host = issuer.Host, Port = issuer.Port }.Uri;

        context.AuthorizationEndpoint = Rebase(context.AuthorizationEndpoint);
        context.TokenEndpoint = Rebase(context.TokenEndpoint);
        context.EndSessionEndpoint = Rebase(context.EndSessionEndpoint);
        context.UserInfoEndpoint = Rebase(context.UserInfoEndpoint);
        context.RevocationEndpoint = Rebase(context.RevocationEndpoint);
        context.IntrospectionEndpoint = Rebase(context.IntrospectionEndpoint);
        context.DeviceAuthorizationEndpoint = Rebase(context.DeviceAuthorizationEndpoint);
        context.PushedAuthorizationEndpoint = Rebase(context.PushedAuthorizationEndpoint);
        context.JsonWebKeySetEndpoint = Rebase(context.JsonWebKeySetEndpoint);
        return ValueTask.CompletedTask;
    }

    private static X509Certificate2 LoadCertificate(string path, string? password, string setting)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{setting}:Path points to '{path}', which does not exist.");
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, password);
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

public sealed class IntegrationClientOptions
{
    /// <summary>Secret of the confidential <c>integration</c> client; from configuration or a secret store, never the repository.</summary>
    public string? ClientSecret { get; set; }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.Web.Features.SignIn;
using MedTechAccounts.Web.Hosting;
using MedTechAccounts.Web.Identity;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Authorization;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.RateLimiting;

namespace MedTechAccounts.Web;

public static class WebRegistration
{
    public const string AntiforgeryCookie = "medtech.antiforgery";

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddHttpContextAccessor();
        RequestAbortedMediator.Register(services);
        // Outside a request (the hosted workers) the app acts as the system: audit rows say so.
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<IHttpContextAccessor>().HttpContext is null
            ? SystemUser.Instance
            : ActivatorUtilities.CreateInstance<HttpCurrentUser>(sp));

        // Registered first so that the database is migrated before the client seeder and workers start.
        services.AddHostedService<DatabaseInitializer>();
        services.AddHealthEndpoints();
        if (configuration.GetValue("Scoring:WorkerEnabled", true))
        {
            services.AddHostedService<ScoringWorker>();
            services.AddHostedService<ScoreBackfillWorker>();
        }

        services.AddHttpContextAccessor();
        services.AddSingleton<IAuthorizationHandler, ProductOnlyWhereOpenHandler>();
        services.AddControllersWithViews(o =>
        {
            // Every page needs a signed-in user unless it says [AllowAnonymous]; a product-only person only where it says [OpenToProduct].
            o.Filters.Add(new AuthorizeFilter(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new ProductOnlyWhereOpen()).Build()));
            o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
            o.Filters.Add<AntiforgeryRefusalFilter>();
            o.Filters.Add<MfaEnrollmentFilter>();
            o.Filters.Add<DomainExceptionFilter>();
            // jQuery's a[b] key notation is not ours (forms post Lines[0].Quantity), and a key it cannot read ("a[b") throws: a 500.
            o.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
            o.ValueProviderFactories.RemoveType<JQueryQueryStringValueProviderFactory>();
            // Validation belongs to the use-case pipeline (FluentValidation), not to model binding.
            o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
        }).AddJsonOptions(o => UseApiJson(o.JsonSerializerOptions));
        services.AddOptions<MvcOptions>().PostConfigure<ILoggerFactory>(UseStrictJsonInput);

        // A body the API cannot bind answers with field names, not .NET types or JSON paths.
        services.Configure<ApiBehaviorOptions>(o => o.InvalidModelStateResponseFactory = ApiBindingProblems.Create);

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookie;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        // Form messages (TempData) ride a cookie: the same attributes as the others, also when it is deleted.
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        // No "Server: Kestrel": the response names no software.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddProblemDetails();
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        // The API description reads these options, not MVC's: it names enums as the API reads and writes them.
        services.ConfigureHttpJsonOptions(o => UseApiJson(o.SerializerOptions));
        services.AddOpenApi("v1", o => o.CreateSchemaReferenceId = ApiSchemaNames.Of);
        services.AddDataProtection()
            .SetApplicationName("MedTechAccounts")
            .PersistKeysToDbContext<AppDbContext>();

        services.AddSingleton<PageCache>();
        // Every amount is in one currency (Money:Currency, USD by default); a code that is not ISO 4217-shaped stops the start.
        services.AddSingleton(new MoneyFormat(configuration[MoneyFormat.ConfigurationKey]));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
            var permits = configuration.GetValue("SignIn:RateLimitPerMinute", 10);
            o.AddPolicy(SignInRegistration.SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

        if (!environment.IsDevelopment())
        {
            // The hosts this app answers to: AllowedHosts when set, else only the issuer's host, so a request cannot
            // choose the host in any absolute address the app writes. The framework's default would be "*".
            if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]))
            {
                var issuerHost = Identity.SignInRegistration.Issuer(configuration, environment).Host;
                services.Configure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o => o.AllowedHosts = [issuerHost]);
            }

            services.AddHsts(o =>
            {
                o.MaxAge = TimeSpan.FromDays(365);
                o.IncludeSubDomains = true;
                // The default list exempts localhost; outside Development every host gets the header.
                o.ExcludedHosts.Clear();
            });
        }

        return services;
    }

    private static void UseApiJson(JsonSerializerOptions options) => options.Converters.Add(new JsonStringEnumConverter());

    /// <summary>
    /// Request bodies are read more strictly than answers are written: null only where a field may be empty (a null
    /// where text or a list belongs is a 400 naming the field, not a crash in a rule further in), and UTF-8 only, as
    /// RFC 8259 asks (another charset is a 415, not a decoder failure).
    /// </summary>
    private static void UseStrictJsonInput(MvcOptions mvc, ILoggerFactory logs)
    {
        var json = new JsonOptions();
        UseApiJson(json.JsonSerializerOptions);
        json.JsonSerializerOptions.RespectNullableAnnotations = true;
        var strict = new SystemTextJsonInputFormatter(json, logs.CreateLogger<SystemTextJsonInputFormatter>());
        foreach (var other in strict.SupportedEncodings.Where(e => e.CodePage != System.Text.Encoding.UTF8.CodePage).ToList())
        {
            strict.SupportedEncodings.Remove(other);
        }

        var at = mvc.InputFormatters.IndexOf(mvc.InputFormatters.OfType<SystemTextJsonInputFormatter>().Single());
        mvc.InputFormatters[at] = strict;
    }

    /// <summary>
    /// A refused request says when to come back (Retry-After). The token endpoint and the API answer
    /// with problem details; the sign-in form gets the HTML error page.
    /// </summary>
    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (http.Request.Path.StartsWithSegments("/account"))
        {
            return;
        }

        if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        await ProblemAnswers.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"Too many sign-in or token requests from this address. Try again in {seconds} seconds.", cancellationToken);
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseHeadAsGet();
        app.UseSecurityHeaders();
        app.UseCrossSiteRequestRefusal(Identity.SignInRegistration.Issuer(app.Configuration, app.Environment));
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseLastResortErrors();
            app.UseExceptionHandler("/error");
            app.UseHsts();
            // Load balancers and orchestrators probe the node itself, often over plain HTTP.
            app.UseWhen(http => !http.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapControllers();
        app.MapHealthEndpoints();
        app.MapOpenApi("/api/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}

using FluentValidation;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Core.Behaviors;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Data.Interceptors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MedTechAccounts.Core;

public static class CoreRegistration
{
    public const string SqliteMigrations = "MedTechAccounts.Migrations.Sqlite";
    public const string PostgreSqlMigrations = "MedTechAccounts.Migrations.PostgreSql";
    public const string SqlServerMigrations = "MedTechAccounts.Migrations.SqlServer";

    /// <summary>Data, use cases and their pipeline. The host supplies <see cref="Infrastructure.ICurrentUser"/>.</summary>
    public static IServiceCollection AddCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var database = new DatabaseOptions
        {
            Provider = DatabaseOptions.ParseProvider(configuration["Database:Provider"]),
            ConnectionString = configuration.GetConnectionString("Default"),
            DataFolder = configuration["Database:DataFolder"] ?? "App_Data",
        };
        var connectionString = database.ResolveConnectionString(contentRoot);
        services.AddSingleton(database);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(FiscalCalendarFrom(configuration));
        services.AddScoped<AuditInterceptor>();
        services.AddDbContext<AppDbContext>((sp, options) =>
        {
            UseProvider(options, database.Provider, connectionString);
            options.AddInterceptors(sp.GetRequiredService<AuditInterceptor>());
            options.UseOpenIddict();
        });

        services.AddMediator(options =>
        {
            // Scoped: handlers take the scoped AppDbContext (the singleton default would capture one).
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(CoreRegistration)];
            options.PipelineBehaviors =
            [
                typeof(LoggingBehavior<,>),
                typeof(AccessScopeBehavior<,>),
                typeof(ValidationBehavior<,>),
                typeof(QueryCacheBehavior<,>),
                typeof(ReplayBehavior<,>),
                typeof(PatientInformationHoldBehavior<,>),
                typeof(TransactionBehavior<,>),
            ];
        });

        services.AddSingleton<QueryCache>();
        services.AddSingleton<SqliteWriteGate>();
        services.AddScoped<IStoredAnswer<Features.Interactions.LogVisit.Command, Features.Interactions.LogVisit.Result>, Features.Interactions.LogVisit.StoredVisit>();
        services.AddScoped<Features.Seeding.PortfolioSeeder>();
        services.Configure<Features.Scoring.ScoringOptions>(configuration.GetSection(Features.Scoring.ScoringOptions.Section));
        // One fiscal year and one SLA for the whole product: the signals take their quarter ends from
        // Fiscal:StartMonth and their first-response targets from Incidents:FirstResponseHours.
        services.AddOptions<Features.Scoring.ScoringOptions>()
            .PostConfigure<IOptions<Features.Incidents.IncidentOptions>>((o, incidents) => o.Signals = o.Signals with
            {
                FiscalYearStartMonth = FiscalCalendarFrom(configuration).StartMonth,
                FirstResponseHours = Enum.GetValues<Domain.IncidentSeverity>().ToDictionary(
                    severity => Enum.Parse<Analytics.Signals.SeverityFact>(severity.ToString()),
                    severity => incidents.Value.FirstResponseHours.For(severity)),
            });
        services.AddScoped<Features.Scoring.AccountFactsReader>();
        // The signals' settings as one value, for features that apply the same thresholds outside the recompute.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<Features.Scoring.ScoringOptions>>().Value.Signals);
        services.AddScoped<Features.People.ExposureReader>();
        services.AddScoped<Features.People.HandoverPlan.Reader>();
        services.AddScoped<Features.Scoring.ClvPortfolio>();
        services.AddScoped<Features.Scoring.ScoreRecomputer>();
        services.AddSingleton<Features.Scoring.ScoreBackfillQueue>();
        services.AddOptions<Features.Incidents.IncidentOptions>()
            .Bind(configuration.GetSection(Features.Incidents.IncidentOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Features.Incidents.IncidentOptions>, Features.Incidents.IncidentOptionsValidator>();
        services.AddValidatorsFromAssembly(typeof(CoreRegistration).Assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddAutoMapper(cfg => cfg.LicenseKey = configuration["AutoMapper:LicenseKey"], typeof(CoreRegistration).Assembly);
        return services;
    }

    /// <summary>The fiscal calendar of <c>Fiscal:StartMonth</c> (1–12, default 1: fiscal years are calendar years).</summary>
    public static FiscalCalendar FiscalCalendarFrom(IConfiguration configuration)
    {
        var text = configuration["Fiscal:StartMonth"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new FiscalCalendar();
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12
            ? new FiscalCalendar(month)
            : throw new InvalidOperationException($"Fiscal:StartMonth must be a month number from 1 to 12, not '{text}'.");
    }

    public static DbContextOptionsBuilder UseProvider(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrations)),
            DatabaseProvider.PostgreSql => options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgreSqlMigrations)),
            DatabaseProvider.SqlServer => options.UseSqlServer(connectionString, o => o.MigrationsAssembly(SqlServerMigrations)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
}

using System.CommandLine;
using MedTechAccounts.Core;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedTechAccounts.Cli;

/// <summary>
/// The services of one `medtech` run: the web app's configuration (appsettings.json, then
/// appsettings.{DOTNET_ENVIRONMENT}.json, then environment variables), overridden by
/// --provider and --connection; the same use cases as the web app, acting as the system.
/// </summary>
public static class CliHost
{
    public static readonly Option<string?> Provider = new("--provider")
    {
        Description = "Database provider for this run: Sqlite, PostgreSql or SqlServer (case-insensitive).",
        Recursive = true,
    };

    public static readonly Option<string?> Connection = new("--connection")
    {
        Description = "Connection string for this run (default: ConnectionStrings:Default, or the SQLite file under App_Data).",
        Recursive = true,
    };

    public static ServiceProvider Build(ParseResult parse)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(Provider) is { } provider)
        {
            overrides["Database:Provider"] = DatabaseOptions.ParseProvider(provider).ToString();
        }

        if (parse.GetValue(Connection) is { } connection)
        {
            overrides["ConnectionStrings:Default"] = connection;
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // Log lines go to stderr: stdout carries only the command's result, for scripts.
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        services.AddSingleton<ICurrentUser>(SystemUser.Instance);
        services.AddCore(configuration, Directory.GetCurrentDirectory());
        services.AddPasswordHashing();
        services.AddIdentityCore<ApplicationUser>(IdentityPolicy.Apply)
            .AddRoles<ApplicationRole>()
            .AddEntityFrameworkStores<AppDbContext>();
        return services.BuildServiceProvider();
    }

    /// <summary>A scope whose context sees every account, as operators' commands need.</summary>
    public static AsyncServiceScope SystemScope(ServiceProvider services, out AppDbContext db)
    {
        var scope = services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Scope = AccessScope.Everything;
        return scope;
    }
}

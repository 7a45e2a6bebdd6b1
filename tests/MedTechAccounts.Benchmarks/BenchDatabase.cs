using MedTechAccounts.Core;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.Benchmarks;

/// <summary>The app's use cases, acting as the system, on the SQLite file named by MEDTECH_BENCH_DB.</summary>
internal static class BenchDatabase
{
    public static ServiceProvider Services(string what)
    {
        var file = Environment.GetEnvironmentVariable("MEDTECH_BENCH_DB")
            ?? throw new InvalidOperationException($"Set MEDTECH_BENCH_DB to {what}.");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Default"] = $"Data Source={file}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ICurrentUser>(SystemUser.Instance);
        services.AddCore(configuration, Directory.GetCurrentDirectory());
        return services.BuildServiceProvider();
    }
}

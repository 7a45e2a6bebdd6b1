using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MedTechAccounts.Cli.Scoring;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.Core.Features.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.Cli.Seeding;

/// <summary>
/// <c>medtech seed --profile demo|large [--accounts N] [--seed S] [--backfill QUARTERS]</c>: writes a generated portfolio into an
/// empty database, then backfills its point-in-time history (8 past quarters unless told otherwise).
/// </summary>
public static class SeedCommand
{
    public static Command Create()
    {
        var profile = new Option<string>("--profile") { Description = "demo (about 200 accounts, with demo users) or large (10,000 accounts).", Required = true };
        profile.AcceptOnlyFromAmong(SeedOptions.DemoProfile, SeedOptions.LargeProfile);
        var accounts = new Option<int?>("--accounts") { Description = "Number of accounts (default 200 for demo, 10,000 for large)." };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed and date give the same data.", DefaultValueFactory = _ => SeedOptions.DefaultSeed };

        var backfill = new Option<int>("--backfill")
        {
            Description = $"Then backfill the point-in-time history of this many past fiscal quarters (0–{ScoreBackfill.MaxQuarters}; 0 skips it).",
            DefaultValueFactory = _ => ScoreBackfill.DemoQuarters,
        };

        var command = new Command("seed", "Write a generated portfolio into an empty database (migrating it first).") { profile, accounts, seed, backfill };
        command.SetAction(async (parse, ct) =>
        {
            var quarters = parse.GetValue(backfill);
            if (quarters is < 0 or > ScoreBackfill.MaxQuarters)
            {
                await Console.Error.WriteLineAsync($"--backfill: the number of past quarters is a whole number from 0 to {ScoreBackfill.MaxQuarters} (got {quarters}).");
                return ExitCodes.BadInput;
            }

            await using var services = CliHost.Build(parse);
            await using var scope = CliHost.SystemScope(services, out var db);
            await db.MigrateDatabaseAsync(ct);

            var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            var options = parse.GetValue(profile) == SeedOptions.LargeProfile
                ? SeedOptions.Large(today, parse.GetValue(accounts) ?? 10_000, parse.GetValue(seed))
                : SeedOptions.Demo(today) with { Seed = parse.GetValue(seed), Accounts = parse.GetValue(accounts) ?? 200 };

            if (!options.IsLarge)
            {
                await DemoUsers.EnsureAsync(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                    scope.ServiceProvider.GetRequiredService<RoleManager<ApplicationRole>>(), db, ct);
            }

            var watch = Stopwatch.StartNew();
            var result = await scope.ServiceProvider.GetRequiredService<PortfolioSeeder>()
                .SeedAsync(options, new ConsoleProgress(), ct);
            Console.Error.WriteLine();
            if (result is null)
            {
                await Console.Error.WriteLineAsync("The database already holds accounts; nothing was written. Seed into an empty database.");
                return ExitCodes.BadInput;
            }

            await Console.Out.WriteLineAsync($"Seeded the {options.Profile} profile ({options.Accounts:N0} accounts, seed {options.Seed}) in {watch.Elapsed.TotalSeconds:N1} s.");
            if (quarters > 0)
            {
                var history = await RecomputeCommand.RunBackfillAsync(scope.ServiceProvider, quarters, ct);
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Backfilled {quarters} quarters of history ({history.Days.Count} days, {history.Snapshots:N0} snapshots) in {history.ElapsedMs / 1000.0:N1} s."));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One status line on stderr, rewritten in place, so stdout stays clean for scripts.</summary>
    private sealed class ConsoleProgress : IProgress<SeedProgress>
    {
        private string _last = "";

        public void Report(SeedProgress value)
        {
            var percent = value.Total > 0 ? 100.0 * value.Done / value.Total : 100;
            var line = $"\r{value.Stage,-14} {value.Done,12:N0} / {value.Total,12:N0}  {percent,5:N1}%";
            if (line != _last)
            {
                Console.Error.Write(line);
                _last = line;
            }
        }
    }
}
